using System.Diagnostics;
using System.Security;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Factories.Azure;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;

namespace CloudMigration.Benchmarks;

/// <summary>
/// The ARM requests one Start-CmSetup makes against an Azure data factory (the emulator, through the typed client),
/// for 60 tables and for 6,000: the replication pipeline is metadata-driven, so the count must not grow with the tables.
/// Polling a run (get run, query activity runs) is counted apart: how often depends on how long the run takes.
/// </summary>
internal static class ArmRequestBenchmark
{
    private const string Factory = "cm-bench-azure";
    private const string Runtime = "cm-ir-bench";

    public static async Task<bool> RunAsync(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-bench-arm-" + Guid.NewGuid().ToString("N"));
        try
        {
            var small = await MeasureAsync(Path.Combine(folder, "small"), companies: 3, select: ["0010"]);
            var large = await MeasureAsync(Path.Combine(folder, "large"), companies: 101, select: []);
            output.WriteLine();
            output.WriteLine("ARM requests of one Start-CmSetup on an Azure data factory (the emulator, over HTTPS through the ADF client):");
            output.WriteLine();
            output.WriteLine("| tables | requests (without polling) | polling requests | setup s | by operation |");
            output.WriteLine("|---:|---:|---:|---:|---|");
            foreach (var m in new[] { small, large })
            {
                output.WriteLine($"| {m.Tables:N0} | {m.Counted.Values.Sum()} | {m.Polling} | {m.Seconds:0.0} | {string.Join(", ", m.Counted.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))} |");
            }

            var same = small.Counted.Count == large.Counted.Count && small.Counted.All(c => large.Counted.TryGetValue(c.Key, out var v) && v == c.Value);
            output.WriteLine(same
                ? $"The same {small.Counted.Values.Sum()} requests for {small.Tables:N0} and {large.Tables:N0} tables: target met."
                : "The request counts differ with the number of tables: target NOT met.");
            return same && large.Tables >= 6_000;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(int Tables, IReadOnlyDictionary<string, int> Counted, int Polling, double Seconds)> MeasureAsync(string folder, int companies, IReadOnlyList<string> select)
    {
        var sample = await new SampleEnvironmentBuilder().CreateAsync(new SampleOptions { Path = Path.Combine(folder, "sample"), RowsPerTable = 1, CompanyCount = companies }, null, CancellationToken.None);
        await using var emulator = await ArmEmulatorHost.StartAsync();
        await emulator.RegisterFactoryAsync(Factory);
        var store = FactoryStore.Open(Path.Combine(folder, "store", "factories.db"));
        var factories = new DataFactoryService(store);
        using var token = new SecureString();
        foreach (var c in emulator.Token)
        {
            token.AppendChar(c);
        }

        await factories.RegisterAzureAsync(emulator.FactoryId(Factory).ToString(), new AzureSignIn { Method = AzureSignInMethod.AccessToken, Secret = token }, emulator.BaseUri, emulator.Thumbprint,
            replace: false, CancellationToken.None);
        var runtime = await factories.CreateIntegrationRuntimeAsync(Factory, Runtime, "benchmark", CancellationToken.None);
        await emulator.RegisterNodeAsync(runtime.AuthKey1, "node-1");
        emulator.Requests.Clear();

        var clock = Stopwatch.StartNew();
        var setup = await new SetupService(factories).StartAsync(new SetupRequest
        {
            Source = sample.Source,
            Destination = sample.Destination,
            Companies = select,
            IntegrationRuntime = Runtime,
        }, null, CancellationToken.None);
        clock.Stop();
        if (setup.Status != SetupStatus.Ready)
        {
            throw new InvalidOperationException($"The benchmark's setup ended {setup.Status}: {setup.Message}");
        }

        var counts = emulator.Requests.Counts();
        static bool Polling(string operation) => operation is "PipelineRuns_Get" or "ActivityRuns_QueryByPipelineRun";
        return (setup.Tables - setup.SkippedTables, counts.Where(c => !Polling(c.Key)).ToDictionary(c => c.Key, c => c.Value), counts.Where(c => Polling(c.Key)).Sum(c => c.Value), clock.Elapsed.TotalSeconds);
    }
}
