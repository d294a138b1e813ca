using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Compatibility;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Which rows are copied (the company's, or the whole table) and how many are expected.</summary>
public sealed class TablePlannerEstimateTests
{
    [Fact]
    public void Tables_with_CpnyID_are_filtered_by_company()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer());

        foreach (var table in FactBuilder.Catalog.Tables)
        {
            Assert.All(plan.Where(e => e.SourceTable == table.Name), e => Assert.Equal(table.HasCompanyColumn, e.FilteredByCompany));
        }

        Assert.True(plan.Entry("0010", "GLTran").FilteredByCompany);
        Assert.False(plan.Entry("0010", "Account").FilteredByCompany);
        Assert.Contains(plan, e => e.FilteredByCompany);
        Assert.Contains(plan, e => !e.FilteredByCompany);
    }

    [Fact]
    public void Catalog_row_counts_are_shared_out_over_the_active_companies_of_a_database()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies.Add(PlanFacts.Company("9990", FactBuilder.App, active: false)); // not selected, not counted
        var plan = PlanFacts.Plan(facts);

        // 100 rows per table: SLApp holds 0010 and 0020, SLApp2 only 0030.
        Assert.Equal(50, plan.Entry("0010", "GLTran").EstimatedRows);
        Assert.Equal(50, plan.Entry("0020", "GLTran").EstimatedRows);
        Assert.Equal(100, plan.Entry("0030", "GLTran").EstimatedRows);
        // A table without CpnyID is copied whole for each company.
        Assert.Equal(100, plan.Entry("0010", "Account").EstimatedRows);
        Assert.Equal(100, plan.Entry("0030", "Account").EstimatedRows);

        // The size follows the reserved bytes (1 MiB for 100 rows).
        Assert.Equal(0.5, plan.Entry("0010", "GLTran").EstimatedSizeMB);
        Assert.Equal(1.0, plan.Entry("0030", "GLTran").EstimatedSizeMB);
        Assert.Equal(1.0, plan.Entry("0010", "Account").EstimatedSizeMB);
    }

    [Fact]
    public void An_inactive_company_chosen_by_name_gets_a_share_of_the_active_companies_count()
    {
        var facts = FactBuilder.SqlServer();
        var inactive = PlanFacts.Company("9990", FactBuilder.App, active: false);
        facts.Companies.Add(inactive);
        facts.Selected = [inactive];
        var plan = PlanFacts.Plan(facts);

        Assert.Equal(60, plan.Count);
        Assert.Equal(50, plan.Entry("9990", "GLTran").EstimatedRows);
        Assert.Contains("setup creates it", plan.Entry("9990", "GLTran").Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Counted_rows_per_company_are_used_where_they_were_counted()
    {
        var plan = PlanFacts.Plan(FactBuilder.Sqlite()
            .ChangeTable(FactBuilder.App, "GLTran", t => t with { RowCount = 10, RowsByCompany = Counts(("0010", 7), ("0020", 3)) })
            .ChangeTable(FactBuilder.App, "Batch", t => t with { RowCount = 4, RowsByCompany = Counts(("0010", 4)) })
            .ChangeTable(FactBuilder.App, "Account", t => t with { RowCount = 42, RowsByCompany = Counts((string.Empty, 42)) }));

        Assert.Equal(7, plan.Entry("0010", "GLTran").EstimatedRows);
        Assert.Equal(3, plan.Entry("0020", "GLTran").EstimatedRows);
        Assert.Equal(4, plan.Entry("0010", "Batch").EstimatedRows);
        Assert.Equal(0, plan.Entry("0020", "Batch").EstimatedRows); // none of its rows
        Assert.Equal(42, plan.Entry("0010", "Account").EstimatedRows);
        Assert.Equal(42, plan.Entry("0020", "Account").EstimatedRows);
        Assert.Equal(0.0, plan.Entry("0020", "Batch").EstimatedSizeMB);

        // Without reserved bytes (SQLite) the size is rows times the declared row width.
        var width = TablePlanner.RowWidth(SampleSchema("GLTran"));
        Assert.Equal(Math.Round(7.0 * width / (1024 * 1024), 3, MidpointRounding.AwayFromZero), plan.Entry("0010", "GLTran").EstimatedSizeMB);
        Assert.True(plan.Entry("0010", "GLTran").EstimatedSizeMB > 0);
    }

    [Fact]
    public void Unknown_row_counts_give_no_estimate()
    {
        var plan = PlanFacts.Plan(FactBuilder.Sqlite().ChangeTable(FactBuilder.App, "GLTran", t => t with { RowCount = null, RowsByCompany = null }));

        var entry = plan.Entry("0010", "GLTran");
        Assert.Null(entry.EstimatedRows);
        Assert.Null(entry.EstimatedSizeMB);
        Assert.Equal(PlanStatus.Ready, entry.Status);
        Assert.NotNull(plan.Entry("0030", "GLTran").EstimatedRows);
    }

    [Fact]
    public void RowWidth_adds_up_the_declared_types()
    {
        var schema = new TableSchema("T",
        [
            new("a", "char(10)"), new("b", "nvarchar(5)"), new("c", "int"), new("d", "float"), new("e", "decimal(38,20)"),
            new("f", "uniqueidentifier"), new("g", "smallint"), new("h", "tinyint"), new("i", "timestamp"), new("j", "smalldatetime"),
            new("k", "nvarchar(max)"), new("l", "varbinary(max)"), new("m", "xml"),
        ], []);

        Assert.Equal(10 + 10 + 4 + 8 + 17 + 16 + 2 + 1 + 8 + 4 + 100 + 100 + 16, TablePlanner.RowWidth(schema));
        Assert.Equal(0, TablePlanner.RowWidth(new TableSchema("E", [], [])));
        Assert.Throws<ArgumentNullException>(() => TablePlanner.RowWidth(null!));
    }

    private static Dictionary<string, long> Counts(params (string Company, long Rows)[] counts) =>
        counts.ToDictionary(c => c.Company, c => c.Rows, StringComparer.OrdinalIgnoreCase);

    private static TableSchema SampleSchema(string table) => SampleEnvironmentBuilder.SlSchema(FactBuilder.SlTable(table));
}
