using System.Security.Cryptography;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Discovery;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Setup;

/// <summary>
/// A private copy of the SQLite sample and a factory store of its own (real clock: the node this process hosts
/// heartbeats), with one registered local factory. Setup runs against them as Start-CmSetup would.
/// </summary>
internal sealed class SetupHarness : IDisposable
{
    public const string FactoryName = "cm-setup-01";

    private SetupHarness(string sampleFolder)
    {
        Sample = PrivateSample.CopyOf(sampleFolder);
        StorePath = Path.Combine(Sample.Folder, "store", "factories.db");
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        Store = FactoryStore.Open(StorePath);
        Factories = new DataFactoryService(Store);
    }

    public PrivateSample Sample { get; }

    public string StorePath { get; }

    public FactoryStore Store { get; }

    public DataFactoryService Factories { get; }

    public static async Task<SetupHarness> CreateAsync(string sampleFolder, bool registerFactory = true)
    {
        var harness = new SetupHarness(sampleFolder);
        if (registerFactory)
        {
            await harness.Factories.RegisterLocalAsync(FactoryName, CancellationToken.None);
        }

        return harness;
    }

    public SetupRequest Request(Func<SetupRequest, SetupRequest>? change = null)
    {
        var request = new SetupRequest { Source = Sample.Source, Destination = Sample.Destination, Companies = ["0010"], Timeout = TimeSpan.FromSeconds(30) };
        return change is null ? request : change(request);
    }

    public SetupService Service(ISetupFaultInjector? faults = null) =>
        new(Factories, new SetupOptions { PollInterval = TimeSpan.FromMilliseconds(20), FaultInjector = faults });

    public Task<MigrationSetup> StartAsync(SetupRequest? request = null, ISetupFaultInjector? faults = null) =>
        Service(faults).StartAsync(request ?? Request(), null, CancellationToken.None);

    public async Task<LocalDataFactory> FactoryAsync() => (LocalDataFactory)(await Factories.ResolveAsync(FactoryName, CancellationToken.None)).Factory;

    /// <summary>Every resource in the factory, by kind and name (with the setup's suffix replaced, so two setups compare).</summary>
    public async Task<IReadOnlyList<string>> ResourcesAsync(string? suffix = null)
    {
        var factory = await FactoryAsync();
        var names = new List<string>();
        foreach (var kind in Enum.GetValues<FactoryResourceKind>())
        {
            foreach (var name in await factory.ListResourcesAsync(kind, CancellationToken.None))
            {
                var json = (await factory.GetResourceAsync(kind, name, CancellationToken.None))!.ToJsonString();
                names.Add($"{kind} {name} {json}".Replace(suffix ?? "\u0000", "<suffix>", StringComparison.Ordinal));
            }
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The rows of a destination table as text lines, ordered (the state to compare between a clean and a resumed setup).</summary>
    public IReadOnlyList<string> Rows(string sql, string database = SampleEnvironmentBuilder.DestinationDatabase)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Sample.PathOf(database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>SHA-256 of every file under the sample folder (the databases and the store), by relative path.</summary>
    public IReadOnlyDictionary<string, string> FileHashes() =>
        Directory.EnumerateFiles(Sample.Folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(Sample.Folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose()
    {
        LocalNodeHosts.StopAllAsync(Store).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Sample.Dispose();
    }
}

/// <summary>Throws at one step's fault point, once.</summary>
internal sealed class FaultAt(SetupStepName step, SetupFaultPoint point) : ISetupFaultInjector
{
    public bool Fired { get; private set; }

    public void Reached(SetupStepName reached, SetupFaultPoint at)
    {
        if (!Fired && reached == step && at == point)
        {
            Fired = true;
            throw new IOException($"Injected fault at {step} {point}.");
        }
    }
}
