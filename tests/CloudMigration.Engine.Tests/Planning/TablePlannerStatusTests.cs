using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>What the planner says when a side is not as the migration extension expects.</summary>
public sealed class TablePlannerStatusTests
{
    [Fact]
    public void A_missing_source_table_is_skipped_with_a_warning_for_its_database_only()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().RemoveTable(FactBuilder.App2, "GLTran"));

        var entry = plan.Entry("0030", "GLTran");
        Assert.Equal(CopyMethod.Skip, entry.CopyMethod);
        Assert.Equal(PlanStatus.Warning, entry.Status);
        Assert.Equal(50004, entry.Code);
        Assert.Equal("The source table does not exist.", entry.Reason);
        Assert.Equal("GLTran is not in 'SLApp2'; it is skipped (50004).", entry.Notes);
        Assert.Equal("SLApp2", entry.SourceDatabase);
        Assert.Equal("0030$SL GLTran Buffer$" + PlanFacts.AppId, entry.DestinationTable);
        Assert.Empty(entry.Columns);
        Assert.Empty(entry.KeyColumns);
        Assert.Null(entry.EstimatedRows);

        var problems = plan.Where(e => e.Status != PlanStatus.Ready).ToList();
        Assert.True(problems.Count == 1, PlanFacts.Describe(problems));
        Assert.Equal(CopyMethod.Delta, plan.Entry("0010", "GLTran").CopyMethod);
    }

    [Fact]
    public void An_unreadable_application_database_skips_every_table_of_its_companies()
    {
        var facts = FactBuilder.SqlServer();
        facts.ApplicationDatabases.Remove(FactBuilder.App2);
        facts.ApplicationDatabaseProblems[FactBuilder.App2] = "gone";
        var plan = PlanFacts.Plan(facts);

        var of0030 = plan.Where(e => e.Company == "0030").ToList();
        Assert.Equal(60, of0030.Count);
        Assert.All(of0030, e =>
        {
            Assert.Equal(CopyMethod.Skip, e.CopyMethod);
            Assert.Equal(PlanStatus.Warning, e.Status);
            Assert.Equal(50004, e.Code);
            Assert.Equal("The application database could not be read.", e.Reason);
            Assert.Contains("'SLApp2' is missing or unreadable", e.Notes, StringComparison.Ordinal);
        });
        Assert.All(plan.Where(e => e.Company != "0030"), e => Assert.Equal(PlanStatus.Ready, e.Status));
    }

    [Fact]
    public void A_missing_destination_table_of_an_existing_company_is_an_error_and_skipped()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().RemoveStagingTable("0020", "GLTran"));

        var entry = plan.Entry("0020", "GLTran");
        Assert.Equal(PlanStatus.Error, entry.Status);
        Assert.Equal(50011, entry.Code);
        Assert.Equal(CopyMethod.Skip, entry.CopyMethod);
        Assert.Equal($"The destination table '0020$SL GLTran Buffer${PlanFacts.AppId}' does not exist.", entry.Notes);

        var problems = plan.Where(e => e.Status != PlanStatus.Ready).ToList();
        Assert.True(problems.Count == 1, PlanFacts.Describe(problems));
    }

    [Fact]
    public void A_company_the_destination_lacks_is_ready_because_setup_creates_it()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies.Add(PlanFacts.Company("0040", FactBuilder.App));
        var plan = PlanFacts.Plan(facts);

        var of0040 = plan.Where(e => e.Company == "0040").ToList();
        Assert.Equal(60, of0040.Count);
        Assert.All(of0040, e =>
        {
            Assert.Equal(PlanStatus.Ready, e.Status);
            Assert.Null(e.Code);
            Assert.Equal(CopyMethod.Delta, e.CopyMethod);
            Assert.Equal("The company '0040' does not exist in the destination yet; setup creates it.", e.Notes);
        });

        // Columns come from the source (tstamp dropped), with no destination type yet; the key is the source's.
        var glTran = plan.Entry("0040", "GLTran");
        var table = FactBuilder.SlTable("GLTran");
        Assert.Equal(table.Fields.Select(f => f.Name), glTran.Columns.Select(c => c.Source));
        Assert.Equal(table.Fields.Select(f => f.Name), glTran.Columns.Select(c => c.Destination));
        Assert.Equal(table.Fields.Select(f => f.SlSqlType), glTran.Columns.Select(c => c.SourceType));
        Assert.All(glTran.Columns, c => Assert.Equal(string.Empty, c.DestinationType));
        Assert.Empty(glTran.Conversions);
        Assert.Equal(["Module", "BatNbr", "LineNbr"], glTran.KeyColumns);
    }

    [Fact]
    public void A_custom_mapping_for_a_company_the_destination_lacks_is_a_warning()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies.Add(PlanFacts.Company("0040", FactBuilder.App));
        var mappings = MappingSet.Create(FactBuilder.Catalog, [new TableMappingInput { SourceTable = "GLTran", DestinationTable = "SL GLTran" }]);
        var plan = PlanFacts.Plan(facts, mappings);

        var entry = plan.Entry("0040", "GLTran");
        Assert.Equal(PlanStatus.Warning, entry.Status);
        Assert.Null(entry.Code);
        Assert.True(entry.CustomMapping);
        Assert.Equal(CopyMethod.Delta, entry.CopyMethod);
        Assert.Contains("setup creates it", entry.Notes, StringComparison.Ordinal);
        Assert.Contains("The custom destination table is checked once the company exists.", entry.Notes, StringComparison.Ordinal);

        // The companies that exist lack 'SL GLTran': an error there.
        var existing = plan.Entry("0010", "GLTran");
        Assert.Equal(PlanStatus.Error, existing.Status);
        Assert.Equal(50011, existing.Code);
        Assert.Equal(CopyMethod.Skip, existing.CopyMethod);
        Assert.Equal("0010$SL GLTran$" + PlanFacts.AppId, existing.DestinationTable);
        Assert.True(existing.CustomMapping);
        Assert.False(plan.Entry("0010", "Batch").CustomMapping);
    }

    [Fact]
    public void A_shortened_destination_column_is_a_schema_mismatch_for_that_company()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().ChangeStagingSchema("0010", "GLTran", s => s.WithColumnType("BatNbr", "nvarchar(5)")));

        var entry = plan.Entry("0010", "GLTran");
        Assert.Equal(PlanStatus.Error, entry.Status);
        Assert.Equal(50011, entry.Code);
        Assert.Equal("Schema mismatch (50011): [BatNbr]L", entry.Notes);
        // The table exists: the method stays what change tracking allows; the status tells it cannot run.
        Assert.Equal(CopyMethod.Delta, entry.CopyMethod);
        Assert.Contains(entry.Columns, c => c.Source == "BatNbr" && c.DestinationType == "nvarchar(5)");

        // The other companies' identical staging tables are not affected by the shared alignments.
        Assert.Equal(PlanStatus.Ready, plan.Entry("0020", "GLTran").Status);
        Assert.Equal(PlanStatus.Ready, plan.Entry("0030", "GLTran").Status);
        Assert.Contains(plan.Entry("0020", "GLTran").Columns, c => c.Source == "BatNbr" && c.DestinationType == "nvarchar(10)");
    }

    [Fact]
    public void Several_mismatches_are_listed_in_the_notes()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer().ChangeStagingSchema("0030", "Site",
            s => s.WithoutColumn("Addr1").WithColumnType("Addr2", "int").WithPrimaryKey("SiteId", "Name")));

        var entry = plan.Entry("0030", "Site");
        Assert.Equal(PlanStatus.Error, entry.Status);
        Assert.StartsWith("Schema mismatch (50011): ", entry.Notes, StringComparison.Ordinal);
        Assert.Contains("[Addr1]T", entry.Notes, StringComparison.Ordinal);
        Assert.Contains("[Addr2]T", entry.Notes, StringComparison.Ordinal);
        Assert.Contains("[Name]PK", entry.Notes, StringComparison.Ordinal);
        Assert.DoesNotContain(entry.Columns, c => c.Source == "Addr1");
    }

    [Fact]
    public void Plan_checks_its_input()
    {
        Assert.Throws<ArgumentNullException>(() => TablePlanner.Plan(null!));
    }

    [Fact]
    public void Companies_whose_names_become_the_same_sql_name_are_errors_naming_each_other()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [PlanFacts.Company("A.B", FactBuilder.App), PlanFacts.Company("a/b", FactBuilder.App), PlanFacts.Company("0030", FactBuilder.App2)];
        var plan = PlanFacts.Plan(facts);

        Assert.All(plan.Where(e => e.Company == "A.B"), e =>
        {
            Assert.Equal(PlanStatus.Error, e.Status);
            Assert.StartsWith("Company A.B shares its Business Central table names with a/b", e.Notes, StringComparison.Ordinal);
        });
        Assert.All(plan.Where(e => e.Company == "a/b"), e => Assert.Contains("with A.B", e.Notes, StringComparison.Ordinal));
        Assert.All(plan.Where(e => e.Company == "0030"), e => Assert.Equal(PlanStatus.Ready, e.Status));
    }
}
