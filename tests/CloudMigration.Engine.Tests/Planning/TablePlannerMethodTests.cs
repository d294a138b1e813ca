using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Delta where change tracking covers a table with a retention; Full otherwise, always with the reason.</summary>
public sealed class TablePlannerMethodTests
{
    [Fact]
    public void A_healthy_sql_server_source_plans_every_table_as_delta()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer());

        Assert.Equal(3 * 60, plan.Count);
        Assert.Equal(PlanFacts.Companies.SelectMany(_ => FactBuilder.Catalog.Tables.Select(t => t.Name)), plan.Select(e => e.SourceTable));
        Assert.True(plan.All(e => e.CopyMethod == CopyMethod.Delta && e.Status == PlanStatus.Ready && e.Code is null && e.Notes.Length == 0),
            PlanFacts.Describe(plan.Where(e => e.CopyMethod != CopyMethod.Delta || e.Status != PlanStatus.Ready)));
        Assert.All(plan, e => Assert.Contains("retention 3 DAYS", e.Reason, StringComparison.Ordinal));
        Assert.Equal("Change tracking covers GLTran (retention 3 DAYS); the first run copies in full.", plan.Entry("0020", "GLTran").Reason);
        Assert.All(plan, e => Assert.False(e.CustomMapping));
    }

    [Fact]
    public void Change_tracking_off_for_a_database_makes_its_companies_full()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { ChangeTracking = false }));

        foreach (var entry in plan.Where(e => e.Company is "0010" or "0020"))
        {
            Assert.Equal(CopyMethod.Full, entry.CopyMethod);
            Assert.Equal("Change tracking is off for 'SLApp'.", entry.Reason);
            Assert.Equal(PlanStatus.Ready, entry.Status);
        }

        Assert.All(plan.Where(e => e.Company == "0030"), e => Assert.Equal(CopyMethod.Delta, e.CopyMethod));
    }

    [Fact]
    public void One_untracked_table_is_full_for_that_table_and_database_only()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().ChangeTable(FactBuilder.App, "GLTran", t => t with { ChangeTracked = false }));

        var full = plan.Where(e => e.CopyMethod == CopyMethod.Full).Select(e => e.ToString()).ToList();
        Assert.Equal(["0010/GLTran", "0020/GLTran"], full);
        Assert.Equal("Change tracking is off for GLTran.", plan.Entry("0010", "GLTran").Reason);
        Assert.Equal(CopyMethod.Delta, plan.Entry("0030", "GLTran").CopyMethod);
        Assert.Equal(CopyMethod.Delta, plan.Entry("0010", "Batch").CopyMethod);
    }

    [Fact]
    public void A_sqlite_source_plans_every_table_as_full_and_says_why()
    {
        var plan = PlanFacts.Plan(FactBuilder.Sqlite());

        Assert.Equal(3 * 60, plan.Count);
        Assert.All(plan, e =>
        {
            Assert.Equal(CopyMethod.Full, e.CopyMethod);
            Assert.Equal(PlanStatus.Ready, e.Status);
            Assert.Contains("SQLite", e.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ChooseMethod_is_delta_with_any_positive_retention()
    {
        var (method, reason) = TablePlanner.ChooseMethod(Database(true, 30, "minutes"), Table(true));
        Assert.Equal(CopyMethod.Delta, method);
        Assert.Equal("Change tracking covers T (retention 30 minutes); the first run copies in full.", reason);
    }

    [Theory]
    [InlineData(true, 3, "DAYS", null, "Change tracking is off for T.")]
    [InlineData(true, 3, "DAYS", false, "Change tracking is off for T.")]
    [InlineData(false, 3, "DAYS", true, "Change tracking is off for 'D'.")]
    [InlineData(true, null, "DAYS", true, "The change tracking retention of 'D' is not set.")]
    [InlineData(true, 3, null, true, "The change tracking retention of 'D' is not set.")]
    [InlineData(true, 3, "WEEKS", true, "The change tracking retention of 'D' is not set.")]
    [InlineData(true, 0, "DAYS", true, "The change tracking retention of 'D' is not set.")]
    [InlineData(true, -1, "HOURS", true, "The change tracking retention of 'D' is not set.")]
    public void ChooseMethod_falls_back_to_full_with_the_reason(bool databaseTracked, int? period, string? units, bool? tableTracked, string expected)
    {
        var (method, reason) = TablePlanner.ChooseMethod(Database(databaseTracked, period, units), Table(tableTracked));
        Assert.Equal(CopyMethod.Full, method);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void ChooseMethod_without_change_tracking_facts_is_full_for_sqlite()
    {
        // Even a table reported as tracked: a provider without change tracking decides.
        var (method, reason) = TablePlanner.ChooseMethod(new DatabaseFacts { Name = "D", Tables = new Dictionary<string, TableFacts>() }, Table(true));
        Assert.Equal(CopyMethod.Full, method);
        Assert.StartsWith("The SQLite source has no change log yet", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseMethod_checks_its_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => TablePlanner.ChooseMethod(null!, Table(true)));
        Assert.Throws<ArgumentNullException>(() => TablePlanner.ChooseMethod(Database(true, 3, "DAYS"), null!));
    }

    private static DatabaseFacts Database(bool tracked, int? period, string? units) => new()
    {
        Name = "D",
        ChangeTracking = tracked,
        RetentionPeriod = period,
        RetentionUnits = units,
        Tables = new Dictionary<string, TableFacts>(),
    };

    private static TableFacts Table(bool? tracked) => new()
    {
        Schema = new TableSchema("T", [new ColumnSchema("A", "int")], ["A"]),
        ChangeTracked = tracked,
    };
}
