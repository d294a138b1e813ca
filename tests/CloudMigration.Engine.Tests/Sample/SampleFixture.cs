using CloudMigration.Engine.Sample;

namespace CloudMigration.Engine.Tests.Sample;

/// <summary>One generated sample shared by a test class (generating it takes about a second).</summary>
public sealed class SampleFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cm-tests-" + Guid.NewGuid().ToString("N"));

    public SampleEnvironment Sample { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sample = await new SampleEnvironmentBuilder().CreateAsync(new SampleOptions { Path = Folder, RowsPerTable = 5 }, null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
