using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Sample;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Conformance;

/// <summary>The conformance tests on SQLite: the shared sample, and a scratch database of the test's own.</summary>
public sealed class SqliteProviderConformanceTests(SampleFixture fixture) : ProviderConformanceTests, IClassFixture<SampleFixture>, IDisposable
{
    private readonly string scratchFolder = Path.Combine(Path.GetTempPath(), "cm-conformance-" + Guid.NewGuid().ToString("N"));

    protected override string ExpectedDialect => "Sqlite";

    protected override Task<ConformanceEndpoints> GetEndpointsAsync()
    {
        Directory.CreateDirectory(scratchFolder);
        var scratchPath = Path.Combine(scratchFolder, "Scratch" + SampleEnvironmentBuilder.FileExtension);
        if (!File.Exists(scratchPath))
        {
            // The provider never creates a database by opening it, so the test creates the empty file.
            using var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = scratchPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ConnectionString);
            create.Open();
            using var command = create.CreateCommand();
            command.CommandText = "PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        return Task.FromResult(new ConformanceEndpoints(
            fixture.Sample.Source,
            fixture.Sample.Destination,
            CmEndpoint.Parse(EndpointParser.SqlitePrefix + scratchPath),
            new Dictionary<string, string> { ["0010"] = "SLApp", ["0020"] = "SLApp", ["0030"] = "SLApp2", ["9990"] = "SLApp" }));
    }

    [Fact]
    public async Task Read_only_connection_refuses_writes()
    {
        var e = await GetEndpointsAsync();
        var before = File.ReadAllBytes(e.Scratch.FilePath!);
        await using var connection = await SqliteProvider.Instance.OpenAsync(e.Scratch, write: false, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (a int);";
        var ex = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(8, ex.SqliteErrorCode); // SQLITE_READONLY
        Assert.Equal(ErrorIds.PermissionDenied, SqliteProvider.Instance.Translate(ex, e.Scratch).ErrorId);
        Assert.Equal(before, File.ReadAllBytes(e.Scratch.FilePath!));
    }

    [Fact]
    public async Task DatabaseExistsAsync_answers_from_the_file_system_without_creating_files()
    {
        var e = await GetEndpointsAsync();
        var entries = Directory.GetFileSystemEntries(scratchFolder).Order(StringComparer.Ordinal).ToArray();
        Assert.True(await SqliteProvider.Instance.DatabaseExistsAsync(e.Scratch, "Scratch", CancellationToken.None));
        Assert.False(await SqliteProvider.Instance.DatabaseExistsAsync(e.Scratch, "Other", CancellationToken.None));
        Assert.Equal(entries, Directory.GetFileSystemEntries(scratchFolder).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(scratchFolder))
        {
            Directory.Delete(scratchFolder, recursive: true);
        }
    }
}
