using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>New-CmTablePlan's engine on the generated SQLite sample, as it stands.</summary>
public sealed class TablePlanServiceTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private string PathOf(string database) => Path.Combine(fixture.Folder, database + SampleEnvironmentBuilder.FileExtension);

    [Fact]
    public async Task The_default_plan_has_every_mapped_table_of_every_active_company()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination);

        Assert.Equal(3 * 60, plan.Entries.Count);
        Assert.Empty(plan.UnmatchedCompanies);
        Assert.Empty(plan.RowErrors);
        Assert.Equal(SamplePlan.ActiveCompanies, plan.Entries.Select(e => e.Company).Distinct());
        foreach (var company in SamplePlan.ActiveCompanies)
        {
            var entries = plan.Entries.Where(e => e.Company == company).ToList();
            Assert.Equal(SlCatalog.Default.Tables.Select(t => t.Name), entries.Select(e => e.SourceTable));
            Assert.Equal(SlCatalog.Default.Tables.Select(t => SamplePlan.StagingTable(company, t.BcTable)), entries.Select(e => e.DestinationTable));
            Assert.All(entries, e => Assert.Equal(company == "0030" ? SamplePlan.SecondApp : SamplePlan.MainApp, e.SourceDatabase));
        }

        Assert.Equal("0010$SL GLTran Buffer$" + PlanFacts.AppId, plan.Entries.Entry("0010", "GLTran").DestinationTable);
        Assert.True(plan.Entries.All(e => e.Status == PlanStatus.Ready && e.Code is null && e.Notes.Length == 0 && !e.CustomMapping),
            PlanFacts.Describe(plan.Entries.Where(e => e.Status != PlanStatus.Ready)));
    }

    [Fact]
    public async Task Sqlite_tables_are_copied_in_full_with_the_reason()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination);

        Assert.All(plan.Entries, e =>
        {
            Assert.Equal(CopyMethod.Full, e.CopyMethod);
            Assert.Contains("SQLite", e.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Keys_are_the_staging_tables_primary_keys_and_columns_leave_tstamp_out()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination);

        foreach (var entry in plan.Entries.Where(e => e.Company != "0020"))
        {
            var table = SamplePlan.Table(entry.SourceTable);
            Assert.Equal(SamplePlan.PrimaryKey(PathOf(SampleEnvironmentBuilder.DestinationDatabase), entry.DestinationTable), entry.KeyColumns);
            Assert.Equal(table.Fields.Select(f => f.Name), entry.Columns.Select(c => c.Source));
            Assert.Equal(table.Fields.Select(f => f.BcSqlType), entry.Columns.Select(c => c.DestinationType));
            Assert.Equal(table.HasCompanyColumn, entry.FilteredByCompany);
        }

        Assert.Equal(["Module", "BatNbr", "LineNbr"], plan.Entries.Entry("0030", "GLTran").KeyColumns);
        Assert.Empty(plan.Entries.Entry("0010", "POAddress").KeyColumns); // no key on either side
    }

    [Fact]
    public async Task Every_company_has_rows_to_copy_in_every_table()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination);

        Assert.All(plan.Entries, e =>
        {
            Assert.True(e.EstimatedRows > 0, $"{e}: {e.EstimatedRows} rows");
            Assert.True(e.EstimatedSizeMB >= 0, $"{e}: {e.EstimatedSizeMB} MB");
        });
        Assert.True(plan.Entries.Entry("0010", "GLTran").EstimatedSizeMB > 0);
    }

    [Fact]
    public async Task Row_counts_per_company_are_the_rows_of_the_company_in_the_file()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination);

        foreach (var entry in plan.Entries)
        {
            var path = PathOf(entry.SourceDatabase);
            var quoted = SqliteDialect.Instance.QuoteIdentifier(entry.SourceTable);
            var expected = entry.FilteredByCompany
                ? SamplePlan.Scalar(path, $"SELECT COUNT(*) FROM {quoted} WHERE trim(CpnyID) = '{entry.Company}';")
                : SamplePlan.Scalar(path, $"SELECT COUNT(*) FROM {quoted};");
            Assert.True(expected == entry.EstimatedRows, $"{entry}: planned {entry.EstimatedRows}, the file has {expected}");
        }

        // The companies of SLApp share its tables without CpnyID; their CpnyID tables split the rows between them.
        var glTran = SamplePlan.Scalar(PathOf(SamplePlan.MainApp), "SELECT COUNT(*) FROM GLTran;");
        Assert.Equal(glTran, plan.Entries.Entry("0010", "GLTran").EstimatedRows + plan.Entries.Entry("0020", "GLTran").EstimatedRows);
        Assert.Equal(plan.Entries.Entry("0010", "Account").EstimatedRows, plan.Entries.Entry("0020", "Account").EstimatedRows);
    }

    [Fact]
    public async Task Building_and_validating_a_plan_reads_only()
    {
        var before = FolderSnapshot.Take(fixture.Folder);

        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination, ["*"]);
        var reviewed = await SamplePlan.ValidateAsync(fixture.Sample.Source, fixture.Sample.Destination, SamplePlan.Rows(plan.Entries));

        Assert.Equal(180, plan.Entries.Count);
        Assert.Equal(180, reviewed.Entries.Count);
        Assert.Empty(reviewed.RowErrors);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Progress_is_reported_and_ends_completed()
    {
        var reports = new List<OperationProgress>();
        var progress = SyncProgress.Into(reports);
        await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination, progress: progress);

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal("Building the table plan", r.Activity));
        Assert.True(reports[^1].Completed);
        Assert.Equal(100, reports[^1].PercentComplete);
        Assert.Equal(1, reports.Count(r => r.Completed));
        Assert.Contains(reports, r => r.Status.Contains("SLApp2", StringComparison.Ordinal));
    }
}
