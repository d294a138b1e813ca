using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;
using static CloudMigration.Engine.Compatibility.CompatibilityStatus;

namespace CloudMigration.Engine.Tests.Compatibility.Integration;

/// <summary>The unbroken sample is ready to migrate: every check passes or does not apply to SQLite, with a reason.</summary>
public sealed class CompatibilitySampleTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    /// <summary>The checks that judge SQL Server facts SQLite does not have.</summary>
    private static readonly string[] SqlServerOnlyChecks =
        ["SqlServerVersion", "SqlServerEdition", "Permissions", "CompatibilityLevel", "ChangeTracking", "Collation", "LargeValues"];

    private Task<CompatibilityReport> RunAsync() => Integration.RunAsync(fixture.Sample.Source, fixture.Sample.Destination);

    [Fact]
    public async Task The_sample_is_ready()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var report = await RunAsync();

        Assert.True(report.Ready, "The sample should be ready:\n" + Integration.Describe(report.Problems()));
        Assert.Empty(report.ConnectionErrors);
        Assert.Empty(report.UnmatchedCompanies);
        Assert.All(report.Results, r => Assert.True(r.Status is Passed or NotApplicable, $"{r.Status} {r.Check} {r.Target}: {r.Message}"));
        Assert.All(report.Results, r => Assert.Null(r.Code));
        Assert.All(report.Results, r => Assert.False(string.IsNullOrWhiteSpace(r.Message), $"{r.Check} {r.Target} has no message."));
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Exactly_the_sql_server_checks_are_not_applicable_each_with_a_reason()
    {
        var report = await RunAsync();

        var notApplicable = report.Results.Where(r => r.Status == NotApplicable && r.TargetType != CompatibilityTargetType.Company).ToList();
        Assert.Equal(SqlServerOnlyChecks.Order(StringComparer.Ordinal), notApplicable.Select(r => r.Check).Distinct().Order(StringComparer.Ordinal));
        foreach (var check in SqlServerOnlyChecks)
        {
            var results = report.Of(check);
            Assert.NotEmpty(results);
            Assert.All(results, r =>
            {
                Assert.Equal(NotApplicable, r.Status);
                Assert.False(string.IsNullOrWhiteSpace(r.Message), $"{check} gives no reason.");
                Assert.True(r.Message.Contains("SQLite", StringComparison.Ordinal) || r.Message.Contains("SQL Server", StringComparison.Ordinal),
                    $"{check}: the reason does not say why the check does not apply: {r.Message}");
            });
        }

        // Permissions speak for both sides; the others for the source only.
        Assert.Equal(
            [fixture.Sample.Source.Database, fixture.Sample.Destination.Database],
            report.Of("Permissions").Select(r => r.Target));
        Assert.Equal([CompatibilityTargetType.Source, CompatibilityTargetType.Destination], report.Of("Permissions").Select(r => r.TargetType));
        Assert.All(SqlServerOnlyChecks.Where(c => c != "Permissions"), c => Assert.Equal(fixture.Sample.Source.Database, Assert.Single(report.Of(c)).Target));
    }

    [Fact]
    public async Task Every_rule_reports_and_results_come_in_rule_order()
    {
        var report = await RunAsync();

        var ruleOrder = CompatibilityRules.All.Select(r => r.Check).ToList();
        Assert.Equal(ruleOrder.Count, ruleOrder.Distinct(StringComparer.Ordinal).Count());
        foreach (var check in ruleOrder)
        {
            Assert.Contains(report.Results, r => r.Check == check);
        }

        Assert.All(report.Results, r => Assert.Contains(r.Check, ruleOrder));
        var positions = report.Results.Select(r => ruleOrder.IndexOf(r.Check)).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Every_mapped_table_of_every_company_aligns_with_its_staging_table()
    {
        var report = await RunAsync();

        Assert.Equal(60, SlCatalog.Default.Tables.Count);
        var alignment = report.Of("SchemaAlignment");
        Assert.Equal(60 * 3, alignment.Count(r => r.Status == Passed));
        Assert.Equal(60 * 3, alignment.Count);
        var expectedTargets = Integration.ActiveCompanies.SelectMany(c => SlCatalog.Default.Tables.Select(t => c + "/" + t.Name)).Order(StringComparer.Ordinal);
        Assert.Equal(expectedTargets, alignment.Select(r => r.Target).Order(StringComparer.Ordinal));
        Assert.All(alignment, r =>
        {
            Assert.Equal(CompatibilityTargetType.Table, r.TargetType);
            Assert.Equal(r.Target[..4], r.Company);
        });
    }

    [Fact]
    public async Task Company_checks_report_each_active_company_once()
    {
        var report = await RunAsync();

        foreach (var check in new[] { "ApplicationDatabase", "CompanyName", "SubaccountSegments", "DestinationCompany", "SourceTable" })
        {
            var results = report.Of(check);
            Assert.Equal(Integration.ActiveCompanies, results.Select(r => r.Target));
            Assert.Equal(Integration.ActiveCompanies, results.Select(r => r.Company));
            Assert.All(results, r => Assert.Equal(CompatibilityTargetType.Company, r.TargetType));
        }

        Assert.Equal("3 selected companies", Assert.Single(report.Of("CompanyCount")).Target);
        Assert.Contains("SL 2018", Assert.Single(report.Of("DynamicsSLVersion")).Message, StringComparison.Ordinal);
        Assert.Contains("29.0.0.0", Assert.Single(report.Of("MigrationExtension")).Message, StringComparison.Ordinal);
        Assert.Equal(
            [fixture.Sample.Source.Database, fixture.Sample.Destination.Database],
            report.Of("Connectivity").Select(r => r.Target));
    }

    [Fact]
    public async Task Progress_is_reported_and_ends_completed()
    {
        var progress = new List<Operations.OperationProgress>();
        var recorder = new SynchronousProgress<Operations.OperationProgress>(progress.Add);
        await new CompatibilityService().TestAsync(fixture.Sample.Source, fixture.Sample.Destination, new CompatibilityOptions(), recorder, CancellationToken.None);

        Assert.NotEmpty(progress);
        Assert.True(progress[^1].Completed);
        Assert.Equal(100, progress[^1].PercentComplete);
        Assert.Contains(progress, p => p.Status.Contains("SLApp2", StringComparison.Ordinal));
        var percents = progress.Select(p => p.PercentComplete).ToList();
        Assert.Equal(percents.Order(), percents);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
