using SecureText = CloudMigration.Engine.Tests.Factories.Secure;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Factories.Azure;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Setup;

/// <summary>
/// Start-CmSetup against an Azure data factory (the ARM emulator over HTTPS, reached through the typed client): the
/// same steps and end state as on the local factory; a new IR waits for its node, with its key; the ARM requests
/// one setup makes do not grow with the number of tables.
/// </summary>
public sealed class SetupOnAzureTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string FactoryName = "cm-azure-setup";
    private const string Runtime = "cm-ir-azure";

    [Fact]
    public async Task Setup_on_an_Azure_factory_ends_like_setup_on_the_local_factory()
    {
        await using var emulator = await ArmEmulatorHost.StartAsync();
        using var harness = await SetupHarness.CreateAsync(fixture.Folder, registerFactory: false);
        await RegisterAsync(emulator, harness);
        await NodeAsync(emulator, harness);

        var setup = await harness.StartAsync(harness.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = r.Companies, IntegrationRuntime = Runtime }));

        Assert.True(setup.Status == SetupStatus.Ready, setup.Message);
        Assert.Equal("Azure", setup.FactoryKind);
        Assert.Equal(FactoryName, setup.Factory);
        Assert.All(setup.Steps, s => Assert.Equal(SetupStepStatus.Completed, s.Status));
        Assert.Equal(58, setup.DeltaTables); // the change log setup installs tracks every mapped table with a primary key
        Assert.Equal(2, setup.FullTables);

        // The same as a setup of the same sample on a local factory: steps, tables, factory entities (their JSON, by name).
        using var local = await SetupHarness.CreateAsync(fixture.Folder);
        var onLocal = await local.StartAsync(local.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = r.Companies, IntegrationRuntime = Runtime }));
        Assert.Equal(onLocal.Steps.Select(s => (s.Name, s.Status)), setup.Steps.Select(s => (s.Name, s.Status)));
        Assert.Equal(onLocal.TablesByCopyMethod, setup.TablesByCopyMethod);
        Assert.Equal(onLocal.BatchCount, setup.BatchCount);
        var inAzure = await ResourcesAsync(new LocalDataFactory(emulator.Store, FactoryName), harness, setup);
        var onLocalFactory = await ResourcesAsync(await local.FactoryAsync(), local, onLocal);
        Assert.Equal(onLocalFactory, inAzure);
        Assert.Equal(local.Rows("SELECT Company, SourceTable, DestinationTable, WriteBehavior, KeyColumns FROM cm_ReplicationTable"),
            harness.Rows("SELECT Company, SourceTable, DestinationTable, WriteBehavior, KeyColumns FROM cm_ReplicationTable"));
    }

    [Fact]
    public async Task A_new_runtime_in_an_Azure_factory_waits_for_its_node_with_its_key_and_the_same_command_then_finishes()
    {
        await using var emulator = await ArmEmulatorHost.StartAsync();
        using var harness = await SetupHarness.CreateAsync(fixture.Folder, registerFactory: false);
        await RegisterAsync(emulator, harness);
        var request = harness.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = r.Companies, IntegrationRuntime = Runtime });

        var waiting = await harness.StartAsync(request);

        Assert.Equal(SetupStatus.WaitingForIntegrationRuntime, waiting.Status);
        Assert.Equal(SetupStepStatus.Waiting, waiting.Steps.Single(s => s.Name == SetupStepName.IntegrationRuntime).Status);
        Assert.NotNull(waiting.IntegrationRuntimeKey);
        Assert.Contains("dmgcmd -RegisterNewNode", waiting.Message, StringComparison.Ordinal);
        var key = SecureText.Plain(waiting.IntegrationRuntimeKey!);
        Assert.DoesNotContain(key, waiting.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key[(key.LastIndexOf('@') + 1)..], string.Join("|", harness.Rows("SELECT * FROM cm_Setup") .Concat(harness.Rows("SELECT * FROM cm_SetupStep"))), StringComparison.Ordinal);

        await emulator.RegisterNodeAsync(waiting.IntegrationRuntimeKey!, "node-1");
        var done = await harness.StartAsync(request);

        Assert.Equal(SetupStatus.Ready, done.Status);
        Assert.Equal(waiting.SetupId, done.SetupId);
        Assert.Null(done.IntegrationRuntimeKey);
    }

    [Fact]
    public async Task The_ARM_requests_of_one_setup_do_not_grow_with_the_tables_it_copies()
    {
        // 1 company (60 tables) and all of a 12-company sample (660 tables): the replication pipeline is metadata-driven.
        // The benchmark (build.ps1 -Task Bench) measures 60 against 6,000 tables.
        var few = await CountRequestsAsync(fixture.Folder, ["0010"]);
        var big = Path.Combine(Path.GetTempPath(), "cm-setup-100-" + Guid.NewGuid().ToString("N"));
        try
        {
            await new Engine.Sample.SampleEnvironmentBuilder().CreateAsync(new Engine.Sample.SampleOptions { Path = big, RowsPerTable = 1, CompanyCount = 12 }, null, CancellationToken.None);
            var many = await CountRequestsAsync(big, []);

            Assert.Equal(60, few.Tables);
            Assert.True(many.Tables >= 600, $"{many.Tables} tables");
            Assert.Equal(few.Counts, many.Counts);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(big, recursive: true);
        }
    }

    internal static async Task<(int Tables, IReadOnlyDictionary<string, int> Counts)> CountRequestsAsync(string sampleFolder, IReadOnlyList<string> companies)
    {
        await using var emulator = await ArmEmulatorHost.StartAsync();
        using var harness = await SetupHarness.CreateAsync(sampleFolder, registerFactory: false);
        await RegisterAsync(emulator, harness);
        await NodeAsync(emulator, harness);
        emulator.Requests.Clear();
        var setup = await harness.StartAsync(new SetupRequest { Source = harness.Sample.Source, Destination = harness.Sample.Destination, Companies = companies, IntegrationRuntime = Runtime, Timeout = TimeSpan.FromSeconds(30) });
        Assert.Equal(SetupStatus.Ready, setup.Status);

        // Waiting polls the run (get run, query activity runs) as long as the run takes; every other request is counted exactly.
        var counts = emulator.Requests.Counts().Where(c => !IsPolling(c.Key)).ToDictionary(c => c.Key, c => c.Value);
        return (setup.Tables - setup.SkippedTables, counts);
    }

    internal static bool IsPolling(string operation) =>
        operation.Contains("PipelineRuns_Get", StringComparison.OrdinalIgnoreCase) || operation.Contains("ActivityRuns_QueryByPipelineRun", StringComparison.OrdinalIgnoreCase);

    internal static async Task RegisterAsync(ArmEmulatorHost emulator, SetupHarness harness)
    {
        await emulator.RegisterFactoryAsync(FactoryName);
        using var token = SecureText.Of(emulator.Token);
        await harness.Factories.RegisterAzureAsync(emulator.FactoryId(FactoryName).ToString(), new AzureSignIn { Method = AzureSignInMethod.AccessToken, Secret = token },
            emulator.BaseUri, emulator.Thumbprint, replace: false, CancellationToken.None);
    }

    internal static async Task NodeAsync(ArmEmulatorHost emulator, SetupHarness harness)
    {
        var created = await harness.Factories.CreateIntegrationRuntimeAsync(FactoryName, Runtime, "emulated", CancellationToken.None);
        await emulator.RegisterNodeAsync(created.AuthKey1, "node-1");
    }

    private static async Task<IReadOnlyList<string>> ResourcesAsync(IDataFactory factory, SetupHarness harness, MigrationSetup setup)
    {
        var lines = new List<string>();
        foreach (var kind in Enum.GetValues<FactoryResourceKind>())
        {
            foreach (var name in await factory.ListResourcesAsync(kind, CancellationToken.None))
            {
                var json = (await factory.GetResourceAsync(kind, name, CancellationToken.None))!.ToJsonString();
                lines.Add($"{kind} {name} {json}".Replace(SetupState.SuffixFor(setup.SetupId), "<suffix>", StringComparison.Ordinal).Replace(harness.Sample.Folder, "<folder>", StringComparison.Ordinal));
            }
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }


}

/// <summary>The load balancer over local and Azure factories: real load from Azure, and an Azure factory that cannot be reached is passed over with the reason.</summary>
public sealed class AzureLoadBalancingTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task An_unreachable_Azure_factory_is_reported_and_passed_over()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder, registerFactory: false);
        var emulator = await ArmEmulatorHost.StartAsync();
        await SetupOnAzureTests.RegisterAsync(emulator, harness);
        await SetupOnAzureTests.NodeAsync(emulator, harness);

        var (reachable, _) = await harness.Factories.ListAsync([], CancellationToken.None);
        var azure = Assert.Single(reachable);
        Assert.Equal(DataFactoryKind.Azure, azure.Kind);
        Assert.Equal(FactoryHealth.Healthy, azure.Health);
        Assert.Equal(1, azure.OnlineNodes);
        Assert.Equal(azure.Name, (await harness.Factories.ResolveAsync(null, CancellationToken.None)).Factory.Name);

        await emulator.DisposeAsync();
        await harness.Factories.RegisterLocalAsync("cm-local-lb", CancellationToken.None);
        var (listed, _) = await harness.Factories.ListAsync([], CancellationToken.None);
        var gone = listed.Single(f => f.Kind == DataFactoryKind.Azure);
        var (picked, reason) = await harness.Factories.ResolveAsync(null, CancellationToken.None);

        Assert.Equal(FactoryHealth.Unhealthy, gone.Health);
        Assert.StartsWith("Cannot be reached", gone.HealthReason, StringComparison.Ordinal);
        Assert.Equal("cm-local-lb", picked.Name);
        Assert.Contains(gone.Name, reason, StringComparison.Ordinal);
    }
}
