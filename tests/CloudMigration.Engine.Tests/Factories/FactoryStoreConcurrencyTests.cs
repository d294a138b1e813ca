using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

/// <summary>Two independent store instances on one file (as two processes would be), writing at once.</summary>
public sealed class FactoryStoreConcurrencyTests
{
    [Fact]
    public async Task Parallel_writers_on_two_store_instances_lose_no_update_and_never_see_a_locked_database()
    {
        using var temp = new TempStore();
        var factoryA = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factoryA);
        var factoryB = new LocalDataFactory(temp.OpenAgain(), factoryA.Name);
        const int writers = 8, runsEach = 15;

        var work = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            var factory = i % 2 == 0 ? factoryA : factoryB;
            for (var n = 0; n < runsEach; n++)
            {
                await factory.CreateRunAsync("Finish", new() { ["requestId"] = $"{i}-{n}" }, default);
                await factory.CreateIntegrationRuntimeAsync($"ir-{i}-{n % 3}", $"writer {i}", default);
                await factory.PutResourceAsync(FactoryResourceKind.Pipeline, $"P{i}_{n}", AdfJson.ScriptPipeline("BcDestination"), default);
                _ = await factory.GetInfoAsync(default);
            }
        })).ToList();
        await Task.WhenAll(work);

        var runs = await factoryA.QueryRunsAsync(new PipelineRunQuery(), default);
        Assert.Equal(writers * runsEach, runs.Count);
        Assert.Equal(writers * runsEach, runs.Select(r => r.Parameters["requestId"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(writers * 3, (await factoryB.ListIntegrationRuntimesAsync(default)).Count);
        Assert.Equal(writers * runsEach + 1, (await factoryA.ListResourcesAsync(FactoryResourceKind.Pipeline, default)).Count);
    }

    [Fact]
    public async Task Parallel_registrations_never_put_more_than_four_nodes_on_one_runtime()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        var key = Secure.Plain(keys.AuthKey1);
        var services = new[] { new IntegrationRuntimeNodeService(temp.Store), new IntegrationRuntimeNodeService(temp.OpenAgain()) };

        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await services[i % 2].RegisterAsync(Secure.Of(key), $"node-{i}");
                return "registered";
            }
            catch (CmException ex)
            {
                return ex.ErrorId;
            }
        })).ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(4, outcomes.Count(o => o == "registered"));
        Assert.Equal(6, outcomes.Count(o => o == ErrorIds.NodeLimitReached));
        Assert.Equal(4, (await factory.GetIntegrationRuntimeAsync("cm-ir-01", default))!.Nodes.Count);
    }

    [Fact]
    public async Task Stores_opened_at_once_on_a_new_path_create_one_schema_and_one_key()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-factory-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(folder, "factories.db");
            var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => FactoryStore.Open(path))));
            var factory = await new LocalFactoryRegistry(stores[0]).RegisterAsync("cm-local-01");
            await new LocalDataFactory(stores[1], "cm-local-01").CreateIntegrationRuntimeAsync("cm-ir-01", null, default);

            foreach (var store in stores)
            {
                using var keys = await new LocalDataFactory(store, "cm-local-01").GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
                Assert.StartsWith("IR@", Secure.Plain(keys.AuthKey1), StringComparison.Ordinal);
            }

            Assert.Equal(["factories.db", "factories.db.key"], Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => !f!.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
