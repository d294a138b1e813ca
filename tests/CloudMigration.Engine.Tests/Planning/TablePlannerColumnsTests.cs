using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>The copied columns and the key of each entry, and the alignments the entries share.</summary>
public sealed class TablePlannerColumnsTests
{
    [Fact]
    public void Columns_are_the_catalog_fields_in_order_with_both_types()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer());

        foreach (var table in FactBuilder.Catalog.Tables)
        {
            var entry = plan.Entry("0010", table.Name);
            Assert.Equal(table.Fields.Select(f => f.Name), entry.Columns.Select(c => c.Source));
            Assert.Equal(table.Fields.Select(f => f.Name), entry.Columns.Select(c => c.Destination));
            Assert.Equal(table.Fields.Select(f => f.SlSqlType), entry.Columns.Select(c => c.SourceType));
            Assert.Equal(table.Fields.Select(f => f.BcSqlType), entry.Columns.Select(c => c.DestinationType));
        }
    }

    [Fact]
    public void Tstamp_and_the_destination_system_columns_are_never_copied()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies.Add(PlanFacts.Company("0040", FactBuilder.App)); // no destination yet: columns from the source alone
        var plan = PlanFacts.Plan(facts);

        Assert.Equal(4 * 60, plan.Count);
        Assert.All(plan, e =>
        {
            Assert.NotEmpty(e.Columns);
            Assert.DoesNotContain(e.Columns, c => string.Equals(c.Source, "tstamp", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(e.Columns, c => c.Destination.StartsWith('$') || c.Destination == "timestamp");
            Assert.DoesNotContain(e.Columns, c => c.SourceType == "timestamp");
        });
    }

    [Fact]
    public void MapColumns_drops_every_rowversion_column_and_matches_names_without_regard_to_case()
    {
        var source = new TableSchema("T", [new("Id", "int"), new("TSTAMP", "timestamp"), new("Version", "rowversion"), new("Descr", "char(30)"), new("Extra", "int")], ["Id"]);
        var destination = new TableSchema("D", [new("timestamp", "rowversion"), new("ID", "int"), new("descr", "nvarchar(30)"), new("$systemId", "uniqueidentifier")], ["ID"]);

        var columns = TablePlanner.MapColumns(source, destination);
        Assert.Equal(
            [new ColumnMapping("Id", "ID", "int", "int"), new ColumnMapping("Descr", "descr", "char(30)", "nvarchar(30)")],
            columns);
        Assert.Equal("Id->ID, Descr->descr", columns.ToString());

        var alone = TablePlanner.MapColumns(source, null);
        Assert.Equal(["Id", "Descr", "Extra"], alone.Select(c => c.Source));
        Assert.All(alone, c => Assert.Equal(string.Empty, c.DestinationType));
        Assert.Equal("Id, Descr, Extra", alone.ToString());
        Assert.Throws<ArgumentNullException>(() => TablePlanner.MapColumns(null!, destination));
    }

    [Fact]
    public void KeyColumns_are_the_destination_primary_key_in_its_order()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer()
            .ChangeStagingSchema("0020", "GLTran", s => s.WithPrimaryKey("LineNbr", "BatNbr", "Module")));

        var entry = plan.Entry("0020", "GLTran");
        Assert.Equal(PlanStatus.Ready, entry.Status);
        Assert.Equal(["LineNbr", "BatNbr", "Module"], entry.KeyColumns);
        Assert.Equal("LineNbr, BatNbr, Module", entry.KeyColumns.ToString());
        Assert.Equal(["Module", "BatNbr", "LineNbr"], plan.Entry("0010", "GLTran").KeyColumns);

        foreach (var table in FactBuilder.Catalog.Tables)
        {
            Assert.Equal(table.PrimaryKey, plan.Entry("0030", table.Name).KeyColumns);
        }
    }

    [Fact]
    public void Without_a_destination_key_the_source_key_is_used()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().ChangeStagingSchema("0010", "Site", s => s.WithPrimaryKey()));

        var entry = plan.Entry("0010", "Site");
        Assert.Equal(["SiteId"], entry.KeyColumns);
        Assert.Equal(PlanStatus.Error, entry.Status); // SiteId is in one key and not the other
        Assert.Equal("Schema mismatch (50011): [SiteId]PK", entry.Notes);
    }

    [Fact]
    public void Companies_of_one_database_share_the_alignment_of_a_table()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer());

        foreach (var table in FactBuilder.Catalog.Tables)
        {
            var first = plan.Entry("0010", table.Name);
            var second = plan.Entry("0020", table.Name);
            Assert.Same(first.Columns, second.Columns);
            Assert.Same(first.KeyColumns, second.KeyColumns);
        }

        Assert.NotSame(plan.Entry("0010", "GLTran").Columns, plan.Entry("0010", "Batch").Columns);
    }

    [Fact]
    public void A_company_whose_staging_table_differs_gets_its_own_alignment()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().ChangeStagingSchema("0020", "GLTran", s => s.WithColumnType("TranDesc", "nvarchar(60)")));

        var first = plan.Entry("0010", "GLTran");
        var second = plan.Entry("0020", "GLTran");
        Assert.NotSame(first.Columns, second.Columns);
        Assert.Equal("nvarchar(30)", first.Columns.Single(c => c.Source == "TranDesc").DestinationType);
        Assert.Equal("nvarchar(60)", second.Columns.Single(c => c.Source == "TranDesc").DestinationType);
        Assert.Equal(PlanStatus.Ready, second.Status); // longer is fine
        Assert.Contains("TranDesc char(30)->nvarchar(60)", second.Conversions);
        Assert.DoesNotContain(first.Conversions, c => c.StartsWith("TranDesc", StringComparison.Ordinal));
    }
}
