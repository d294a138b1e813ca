using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>Integration runtimes through the ADF REST API (emulated): create, read, list, keys, regenerate, delete.</summary>
public sealed class AzureRuntimeRoundTripTests
{
    private const string Runtime = "cm-ir-01";

    [Fact]
    public async Task An_integration_runtime_is_created_read_listed_and_deleted()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var factory = emulated.Factory;

        var created = await factory.CreateIntegrationRuntimeAsync(Runtime, "SL on-premises", default);
        var read = await factory.GetIntegrationRuntimeAsync(Runtime.ToUpperInvariant(), default);
        var listed = await factory.ListIntegrationRuntimesAsync(default);

        Assert.Equal((Runtime, EmulatedFactory.FactoryName, "SL on-premises", IntegrationRuntimeState.NeedRegistration), (created.Name, created.Factory, created.Description, created.State));
        Assert.Empty(created.Nodes);
        Assert.NotNull(read);
        Assert.Equal(Runtime, read.Name);
        Assert.Equal(created.CreateTime, read.CreateTime);
        Assert.True(created.CreateTime > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal([Runtime], listed.Select(r => r.Name));
        Assert.Equal("SL on-premises", (await emulated.Local.GetIntegrationRuntimeAsync(Runtime, default))!.Description);

        await factory.DeleteIntegrationRuntimeAsync(Runtime, force: false, default);

        Assert.Null(await factory.GetIntegrationRuntimeAsync(Runtime, default));
        Assert.Empty(await factory.ListIntegrationRuntimesAsync(default));
        // Deleting what is gone is no error (ADF: 204).
        await factory.DeleteIntegrationRuntimeAsync(Runtime, force: false, default);
        Assert.Equal(2, emulated.Emulator.Requests.Count("IntegrationRuntimes_Delete"));
    }

    [Fact]
    public async Task Creating_again_keeps_the_keys_and_updates_only_a_given_description()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var factory = emulated.Factory;
        await factory.CreateIntegrationRuntimeAsync(Runtime, "first", default);
        using var before = await factory.GetIntegrationRuntimeKeysAsync(Runtime, default);

        var unchanged = await factory.CreateIntegrationRuntimeAsync(Runtime, null, default);
        var described = await factory.CreateIntegrationRuntimeAsync(Runtime, "second", default);
        using var after = await factory.GetIntegrationRuntimeKeysAsync(Runtime, default);

        Assert.Equal("first", unchanged.Description);
        Assert.Equal("second", described.Description);
        Assert.Equal(Secure.Plain(before.AuthKey1), Secure.Plain(after.AuthKey1));
        Assert.Equal(Secure.Plain(before.AuthKey2), Secure.Plain(after.AuthKey2));
        // Without a description the existing IR is returned without a PUT (a PUT would clear the description).
        Assert.Equal(2, emulated.Emulator.Requests.Count("IntegrationRuntimes_CreateOrUpdate"));
    }

    [Fact]
    public async Task Keys_are_read_and_regenerated_and_a_node_registered_with_one_shows_in_the_status()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var factory = emulated.Factory;
        await factory.CreateIntegrationRuntimeAsync(Runtime, null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync(Runtime, default);
        Assert.Equal((EmulatedFactory.FactoryName, Runtime), (keys.Factory, keys.IntegrationRuntime));
        Assert.StartsWith("IR@", Secure.Plain(keys.AuthKey1), StringComparison.Ordinal);
        Assert.NotEqual(Secure.Plain(keys.AuthKey1), Secure.Plain(keys.AuthKey2));

        using var regenerated = await factory.RegenerateIntegrationRuntimeKeyAsync(Runtime, "AUTHKEY2", default);
        Assert.Equal(Secure.Plain(keys.AuthKey1), Secure.Plain(regenerated.AuthKey1));
        Assert.NotEqual(Secure.Plain(keys.AuthKey2), Secure.Plain(regenerated.AuthKey2));

        await emulated.Emulator.RegisterNodeAsync(regenerated.AuthKey2, "node-1");
        var online = await factory.GetIntegrationRuntimeAsync(Runtime, default);

        Assert.Equal(IntegrationRuntimeState.Online, online!.State);
        var node = Assert.Single(online.Nodes);
        Assert.Equal(("node-1", NodeLiveness.Online, IntegrationRuntimeNodeService.DefaultMaxConcurrentJobs), (node.NodeName, node.Status, node.MaxConcurrentJobs));
        Assert.Equal(Environment.MachineName, node.MachineName);
        Assert.True(node.LastConnectTime >= node.RegisterTime);
    }

    [Fact]
    public async Task A_bad_key_name_is_refused_before_any_request_and_an_unknown_runtime_has_no_keys()
    {
        await using var emulated = await EmulatedFactory.StartAsync();

        await Expect.ErrorAsync(ErrorIds.AuthKeyNameInvalid, () => emulated.Factory.RegenerateIntegrationRuntimeKeyAsync(Runtime, "authKey3", default));
        var missing = await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeNotFound, () => emulated.Factory.GetIntegrationRuntimeKeysAsync("cm-ir-missing", default));

        Assert.Equal(CmErrorCategory.ObjectNotFound, missing.Category);
        Assert.Contains("404", missing.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulated.Emulator.Requests.Count("IntegrationRuntimes_RegenerateAuthKey"));
    }

    [Fact]
    public async Task The_factory_info_counts_runtimes_nodes_and_active_runs_and_judges_health()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var empty = await emulated.Factory.GetInfoAsync(default);
        Assert.Equal((EmulatedFactory.FactoryName, DataFactoryKind.Azure, FactoryHealth.Healthy, 0), (empty.Name, empty.Kind, empty.Health, empty.IntegrationRuntimes));
        Assert.Equal(emulated.Emulator.FactoryId(EmulatedFactory.FactoryName).ToString(), empty.ResourceId, ignoreCase: true);
        Assert.Equal("emulator", empty.Location);
        Assert.True(empty.Registered > DateTimeOffset.UtcNow.AddMinutes(-5));

        // An IR without a node and a run nobody has claimed yet (no node can take it).
        await emulated.Factory.CreateIntegrationRuntimeAsync("cm-ir-02", null, default);
        await AdfJson.PutFinishAsync(emulated.Factory);
        await emulated.Factory.CreateRunAsync("Finish", [], default);

        var waiting = await emulated.Factory.GetInfoAsync(default);

        Assert.Equal((1, 0, 0, 1), (waiting.IntegrationRuntimes, waiting.Nodes, waiting.OnlineNodes, waiting.ActiveRuns));
        Assert.Equal(FactoryHealth.Healthy, waiting.Health);
        Assert.Contains("waiting for their first node", waiting.HealthReason, StringComparison.Ordinal);

        // Cancelled before a node is there to claim it (its Azure SQL server does not exist).
        await emulated.Factory.CancelRunAsync((await emulated.Factory.QueryRunsAsync(new PipelineRunQuery(), default)).Single().RunId, default);
        await emulated.NodeAsync();
        var online = await emulated.Factory.GetInfoAsync(default);

        Assert.Equal((2, 1, 1), (online.IntegrationRuntimes, online.Nodes, online.OnlineNodes));
        Assert.Equal(FactoryHealth.Healthy, online.Health);
    }
}
