using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;
using static CloudMigration.Engine.Compatibility.CompatibilityStatus;

namespace CloudMigration.Engine.Tests.Compatibility.Integration;

/// <summary>Wrong databases, unreachable servers and company names that match nothing; the test only reads and never leaks a secret.</summary>
public sealed class CompatibilityInputTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Sentinel = "Sentinel-Pw-7f3a9c!";

    /// <summary>Nothing listens on port 1, so the connection is refused (or times out after 3 s).</summary>
    private const string Unreachable = "sqlserver:Server=tcp:127.0.0.1,1;Database=x;User ID=u;Password=" + Sentinel + ";Connect Timeout=3;Encrypt=False";

    private CmEndpoint Source => fixture.Sample.Source;

    private CmEndpoint Destination => fixture.Sample.Destination;

    // ---- the wrong kind of database stops the test ----

    [Fact]
    public async Task The_business_central_database_as_source_is_not_an_sl_system_database()
    {
        var ex = await Assert.ThrowsAsync<CmException>(() => Integration.RunAsync(Destination, Destination));
        CmAssert.Error(ex, ErrorIds.NotAnSlSystemDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("Business Central", ex.Message, StringComparison.Ordinal);
        CmAssert.NoRawProviderException(ex);
    }

    [Fact]
    public async Task The_sl_system_database_as_destination_is_not_a_business_central_database()
    {
        var ex = await Assert.ThrowsAsync<CmException>(() => Integration.RunAsync(Source, Source));
        CmAssert.Error(ex, ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("Dynamics SL", ex.Message, StringComparison.Ordinal);
        CmAssert.NoRawProviderException(ex);
    }

    [Fact]
    public async Task An_application_database_as_source_is_not_an_sl_system_database()
    {
        var ex = await Assert.ThrowsAsync<CmException>(() => Integration.RunAsync(Source.WithDatabase(Integration.MainApp), Destination));
        CmAssert.Error(ex, ErrorIds.NotAnSlSystemDatabase, CmErrorCategory.InvalidData);
    }

    // ---- a side that cannot be reached becomes a result ----

    [Fact]
    public async Task An_unreachable_destination_fails_Connectivity_and_the_source_is_still_checked()
    {
        var destination = CmEndpoint.Parse(Unreachable);
        var report = await Integration.RunAsync(Source, destination);

        var error = Assert.Single(report.ConnectionErrors);
        Assert.Equal(ErrorIds.ServerUnreachable, error.ErrorId);
        var connectivity = report.Of("Connectivity");
        Assert.Equal(2, connectivity.Count);
        Assert.Equal(Passed, connectivity.Single(r => r.TargetType == CompatibilityTargetType.Source).Status);
        var failed = connectivity.Single(r => r.TargetType == CompatibilityTargetType.Destination);
        Assert.Equal(Failed, failed.Status);
        Assert.Equal(destination.Database, failed.Target);
        Assert.False(string.IsNullOrWhiteSpace(failed.Message));
        Assert.False(string.IsNullOrWhiteSpace(failed.RecommendedAction));

        // Source checks still ran for every active company ...
        foreach (var check in new[] { "CompanyName", "ApplicationDatabase", "SubaccountSegments", "SourceTable" })
        {
            Assert.Equal(Integration.ActiveCompanies, report.Of(check).Where(r => r.Status == Passed).Select(r => r.Target));
        }

        report.One("DynamicsSLVersion", "SLSystem").Is(Passed, null);

        // ... while checks that need the destination have nothing to judge.
        Assert.Empty(report.Of("MigrationExtension"));
        Assert.Empty(report.Of("DestinationCompany"));
        Assert.Empty(report.Of("SchemaAlignment"));
        report.AssertProblemsAre(("Connectivity", destination.Database));
        Assert.False(report.Ready);
    }

    [Fact]
    public async Task A_missing_source_file_fails_Connectivity_and_the_destination_is_still_checked()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        File.Delete(copy.PathOf(SampleEnvironmentBuilder.SystemDatabase));
        var report = await Integration.RunAsync(copy.Source, copy.Destination);

        Assert.Equal(ErrorIds.DatabaseNotFound, Assert.Single(report.ConnectionErrors).ErrorId);
        report.One("Connectivity", copy.Source.Database).Is(Failed, null);
        report.One("Connectivity", copy.Destination.Database).Is(Passed, null);
        report.One("MigrationExtension", copy.Destination.Database).Is(Passed, null);

        // No companies could be read, so there is nothing per company.
        Assert.Empty(report.Of("CompanyName"));
        Assert.Empty(report.Of("CompanyCount"));
        report.AssertProblemsAre(("Connectivity", copy.Source.Database));
        Assert.False(report.Ready);
    }

    [Theory]
    [InlineData(SampleEnvironmentBuilder.SystemDatabase)]
    [InlineData(SampleEnvironmentBuilder.DestinationDatabase)]
    public async Task A_file_that_is_not_sqlite_fails_Connectivity_and_the_other_side_is_still_checked(string database)
    {
        // SQLite opens lazily, so the file is found out on the first read, after the connection was "made".
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        await File.WriteAllTextAsync(copy.PathOf(database), "This is a text file, not a database.\n");
        var isSource = database == SampleEnvironmentBuilder.SystemDatabase;
        var broken = isSource ? copy.Source : copy.Destination;
        var report = await Integration.RunAsync(copy.Source, copy.Destination);

        var error = Assert.Single(report.ConnectionErrors);
        Assert.Equal(ErrorIds.NotASqliteDatabase, error.ErrorId);
        CmAssert.NoRawProviderException(error);
        var failed = report.One("Connectivity", broken.Database);
        Assert.Equal(Failed, failed.Status);
        Assert.Equal(isSource ? CompatibilityTargetType.Source : CompatibilityTargetType.Destination, failed.TargetType);
        Assert.Contains("not a SQLite database", failed.Message, StringComparison.Ordinal);
        report.One("Connectivity", (isSource ? copy.Destination : copy.Source).Database).Is(Passed, null);

        // The readable side is still judged.
        Assert.Equal(isSource ? 0 : 3, report.Of("CompanyName").Count(r => r.Status == Passed));
        Assert.Equal(isSource ? 1 : 0, report.Of("MigrationExtension").Count(r => r.Status == Passed));
        Assert.Equal([("Connectivity", broken.Database)], report.Problems().Select(r => (r.Check, r.Target)));
        Assert.False(report.Ready);
    }

    // ---- -Company ----

    [Fact]
    public async Task An_unknown_company_is_reported_unmatched_and_the_others_are_checked()
    {
        var report = await Integration.RunAsync(Source, Destination, "NOPE", "0010", "0030");

        Assert.Equal(["NOPE"], report.UnmatchedCompanies);
        Assert.Equal(["0010", "0030"], report.Of("CompanyName").Select(r => r.Target));
        Assert.Equal(2 * 60, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        Assert.Equal("2 selected companies", Assert.Single(report.Of("CompanyCount")).Target);
        Assert.DoesNotContain(report.Results, r => r.Target.Contains("NOPE", StringComparison.Ordinal) || r.Company == "0020");
        report.AssertProblemsAre();
    }

    [Fact]
    public async Task Only_unknown_companies_select_none_and_fail_CompanyCount()
    {
        var report = await Integration.RunAsync(Source, Destination, "NOPE");

        Assert.Equal(["NOPE"], report.UnmatchedCompanies);
        report.One("CompanyCount", "0 selected companies").Is(Failed, null);
        Assert.Empty(report.Of("CompanyName"));
        report.AssertProblemsAre(("CompanyCount", "0 selected companies"));
        Assert.False(report.Ready);
    }

    [Fact]
    public async Task An_inactive_company_named_exactly_is_selected()
    {
        var report = await Integration.RunAsync(Source, Destination, "9990");

        Assert.Empty(report.UnmatchedCompanies);
        report.One("CompanyName", "9990").Is(Passed, null);
        report.One("ApplicationDatabase", "9990").Is(Passed, null);
        report.One("SourceTable", "9990").Is(Passed, null);
        Assert.Equal("1 company selected.", report.One("CompanyCount", "1 selected company").Is(Passed, null).Message);

        // The destination has no company 9990: setup creates it, and there are no staging tables to align yet.
        Assert.Contains("setup creates it", report.One("DestinationCompany", "9990").Is(Passed, null).Message, StringComparison.Ordinal);
        Assert.Equal(NotApplicable, Assert.Single(report.Of("SchemaAlignment")).Status);
        Assert.DoesNotContain(report.Results, r => r.Company is "0010" or "0020" or "0030");
        report.AssertProblemsAre();
    }

    [Fact]
    public async Task A_wildcard_leaves_the_inactive_company_out()
    {
        var report = await Integration.RunAsync(Source, Destination, "*9*", "00[13]0");

        Assert.Empty(report.UnmatchedCompanies);
        Assert.Equal(["0010", "0030"], report.Of("CompanyName").Select(r => r.Target));
    }

    // ---- read-only ----

    [Fact]
    public async Task A_full_run_leaves_every_file_byte_identical_and_creates_none()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var before = FolderSnapshot.Take(copy.Folder);
        Assert.Equal(4, before.Files.Count);

        var report = await Integration.RunAsync(copy.Source, copy.Destination, "*", "9990");
        Assert.True(report.Results.Count > 180, "The run should have read every company and table.");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        before.AssertUnchanged(copy.Folder);
        Assert.Empty(Directory.GetFiles(copy.Folder, "*-journal"));
        Assert.Empty(Directory.GetFiles(copy.Folder, "*-wal"));
        Assert.Empty(Directory.GetFiles(copy.Folder, "*-shm"));
        Assert.Empty(Directory.GetDirectories(copy.Folder));
    }

    // ---- secrets ----

    [Fact]
    public async Task No_result_or_connection_error_holds_the_password()
    {
        var destination = CmEndpoint.Parse(Unreachable);
        var report = await Integration.RunAsync(Source, destination);
        Assert.NotEmpty(report.ConnectionErrors);

        var options = new JsonSerializerOptions
        {
            Converters = { new JsonStringEnumConverter() },
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // so that the sentinel would appear verbatim
            WriteIndented = true,
        };
        var json = JsonSerializer.Serialize(new
        {
            report.Results,
            report.UnmatchedCompanies,
            Errors = report.ConnectionErrors.Select(e => new
            {
                e.ErrorId,
                e.Message,
                e.RecommendedAction,
                Target = Convert.ToString(e.TargetObject, System.Globalization.CultureInfo.InvariantCulture),
                Inner = e.InnerException?.Message,
                Text = CmAssert.AllText(e),
            }),
            report.Ready,
        }, options);

        // The serialization really holds the results, enums as names, and the failed destination.
        Assert.Contains("\"Status\": \"Failed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Check\": \"Connectivity\"", json, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, json, StringComparison.Ordinal);
        Assert.DoesNotContain("7f3a9c", json, StringComparison.Ordinal);
        Assert.All(report.Results, r => Assert.DoesNotContain("7f3a9c", r.Target + r.Message + r.RecommendedAction, StringComparison.Ordinal));
    }
}
