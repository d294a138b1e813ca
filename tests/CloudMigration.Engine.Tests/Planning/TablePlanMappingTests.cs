using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Compatibility.Integration;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Custom mappings (-Mapping) and missing tables on the sample and on private copies of it.</summary>
public sealed class TablePlanMappingTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Custom = "XCustom";
    private const string CustomBc = "SL XCustom";

    [Fact]
    public async Task A_custom_mapping_to_a_table_business_central_lacks_is_an_error_for_each_company()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination,
            mappings: [new TableMappingInput { SourceTable = "GLTran", DestinationTable = "SL GLTran" }]);

        Assert.Equal(180, plan.Entries.Count);
        Assert.DoesNotContain(plan.Entries, e => e.DestinationTable.Contains("SL GLTran Buffer", StringComparison.Ordinal));
        foreach (var company in SamplePlan.ActiveCompanies)
        {
            var entry = plan.Entries.Entry(company, "GLTran");
            Assert.True(entry.CustomMapping);
            Assert.Equal($"{company}$SL GLTran${PlanFacts.AppId}", entry.DestinationTable);
            Assert.Equal(PlanStatus.Error, entry.Status);
            Assert.Equal(50011, entry.Code);
            Assert.Equal(CopyMethod.Skip, entry.CopyMethod);
            Assert.Contains("does not exist", entry.Notes, StringComparison.Ordinal);
        }

        Assert.Equal(3, plan.Entries.Count(e => e.Status != PlanStatus.Ready));
        Assert.Equal(3, plan.Entries.Count(e => e.CustomMapping));
    }

    [Fact]
    public async Task A_custom_mapping_to_a_table_both_sides_have_is_ready_and_counted()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        SamplePlan.CreateTable(copy, SamplePlan.MainApp, SamplePlan.SlCustomTable(Custom), SamplePlan.SlRows("0010", 3).Concat(SamplePlan.SlRows("0020", 2)));
        SamplePlan.CreateTable(copy, SamplePlan.SecondApp, SamplePlan.SlCustomTable(Custom), SamplePlan.SlRows("0030", 4));
        foreach (var company in SamplePlan.ActiveCompanies)
        {
            SamplePlan.CreateTable(copy, "BusinessCentral", SamplePlan.BcCustomTable(company, CustomBc), []);
        }

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, mappings: [new TableMappingInput { SourceTable = Custom, DestinationTable = CustomBc }]);

        Assert.Equal(3 * 61, plan.Entries.Count);
        Assert.True(plan.Entries.All(e => e.Status == PlanStatus.Ready), PlanFacts.Describe(plan.Entries.Where(e => e.Status != PlanStatus.Ready)));
        var expectedRows = new Dictionary<string, long> { ["0010"] = 3, ["0020"] = 2, ["0030"] = 4 };
        foreach (var company in SamplePlan.ActiveCompanies)
        {
            var entry = plan.Entries.Entry(company, Custom);
            Assert.True(entry.CustomMapping);
            Assert.Equal(SamplePlan.StagingTable(company, CustomBc), entry.DestinationTable);
            Assert.Equal(CopyMethod.Full, entry.CopyMethod);
            Assert.Equal(["CpnyID", "Code"], entry.KeyColumns);
            Assert.Equal(["CpnyID", "Code", "Amount"], entry.Columns.Select(c => c.Source));
            Assert.Equal(["char->nvarchar x2", "float->decimal(38,20) x1"], entry.Conversions);
            Assert.True(entry.FilteredByCompany);
            Assert.Equal(expectedRows[company], entry.EstimatedRows);
            Assert.Empty(entry.Notes);
        }

        Assert.Equal(180, plan.Entries.Count(e => !e.CustomMapping));
    }

    [Fact]
    public async Task Two_mappings_into_one_destination_are_refused_before_reading_anything()
    {
        // Endpoints to files that do not exist: reading them first would fail with another error.
        using var empty = PrivateSample.Empty();
        var ex = await Assert.ThrowsAsync<CmException>(() => SamplePlan.BuildAsync(empty.Source, empty.Destination, mappings:
        [
            new TableMappingInput { SourceTable = "GLTran", DestinationTable = "SL Shared" },
            new TableMappingInput { SourceTable = "Batch", DestinationTable = "SL Shared" },
        ]));

        CmAssert.Error(ex, ErrorIds.TableMappingDuplicateDestination, CmErrorCategory.InvalidArgument);
        Assert.Equal("SL Shared", ex.TargetObject);
        Assert.Empty(Directory.GetFiles(empty.Folder));

        var unreachable = await Assert.ThrowsAsync<CmException>(() => SamplePlan.BuildAsync(empty.Source, empty.Destination));
        Assert.NotEqual(ErrorIds.TableMappingDuplicateDestination, unreachable.ErrorId);
    }

    [Fact]
    public async Task A_mapping_without_a_destination_is_refused()
    {
        var ex = await Assert.ThrowsAsync<CmException>(() => SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination,
            mappings: [new TableMappingInput { SourceTable = "GLTran" }]));
        CmAssert.Error(ex, ErrorIds.TableMappingInvalid, CmErrorCategory.InvalidArgument);
    }

    [Fact]
    public async Task A_source_table_missing_from_one_database_is_skipped_for_its_company_only()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        Integration.Execute(copy, SamplePlan.SecondApp, "DROP TABLE GLTran;");

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination);

        Assert.Equal(180, plan.Entries.Count);
        var entry = plan.Entries.Entry("0030", "GLTran");
        Assert.Equal(CopyMethod.Skip, entry.CopyMethod);
        Assert.Equal(PlanStatus.Warning, entry.Status);
        Assert.Equal(50004, entry.Code);
        Assert.Equal("GLTran is not in 'SLApp2'; it is skipped (50004).", entry.Notes);
        Assert.Null(entry.EstimatedRows);

        var problems = plan.Entries.Where(e => e.Status != PlanStatus.Ready).ToList();
        Assert.True(problems.Count == 1, PlanFacts.Describe(problems));
        Assert.Equal(CopyMethod.Full, plan.Entries.Entry("0010", "GLTran").CopyMethod);
        Assert.True(plan.Entries.Entry("0020", "GLTran").EstimatedRows > 0);
    }

    [Fact]
    public async Task A_missing_application_database_skips_its_company_with_a_warning()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        File.Delete(copy.PathOf(SamplePlan.SecondApp));

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination);

        Assert.Equal(180, plan.Entries.Count);
        Assert.All(plan.Entries.Where(e => e.Company == "0030"), e =>
        {
            Assert.Equal(CopyMethod.Skip, e.CopyMethod);
            Assert.Equal(PlanStatus.Warning, e.Status);
            Assert.Equal(50004, e.Code);
            Assert.Contains("'SLApp2' is missing or unreadable", e.Notes, StringComparison.Ordinal);
        });
        Assert.All(plan.Entries.Where(e => e.Company != "0030"), e => Assert.Equal(PlanStatus.Ready, e.Status));
    }

    [Fact]
    public async Task A_staging_table_dropped_in_business_central_is_an_error_for_its_company()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        Integration.Execute(copy, "BusinessCentral", $"DROP TABLE \"{SamplePlan.StagingTable("0020", "SL Batch")}\";");

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination);

        var entry = plan.Entries.Entry("0020", "Batch");
        Assert.Equal(PlanStatus.Error, entry.Status);
        Assert.Equal(50011, entry.Code);
        Assert.Equal(CopyMethod.Skip, entry.CopyMethod);
        Assert.Single(plan.Entries, e => e.Status != PlanStatus.Ready);
    }

    [Fact]
    public async Task A_shortened_staging_column_is_a_schema_mismatch()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var name = SamplePlan.StagingTable("0010", "SL Site");
        var table = SamplePlan.Table("Site");
        var fields = table.Fields.Select(f => new ColumnSchema(f.Name, f.Name == "Name" ? "nvarchar(10)" : f.BcSqlType)).ToArray();
        Integration.Execute(copy, "BusinessCentral", $"DROP TABLE \"{name}\";");
        SamplePlan.CreateTable(copy, "BusinessCentral", SampleEnvironmentBuilder.BcSchema(name, fields, table.PrimaryKey), []);

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, ["0010"]);

        var entry = plan.Entries.Entry("0010", "Site");
        Assert.Equal(PlanStatus.Error, entry.Status);
        Assert.Equal(50011, entry.Code);
        Assert.Equal("Schema mismatch (50011): [Name]L", entry.Notes);
        Assert.Contains("Name char(30)->nvarchar(10)", entry.Conversions);
        Assert.Single(plan.Entries, e => e.Status != PlanStatus.Ready);
    }
}
