using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class NodeRegistrationTests
{
    [Fact]
    public async Task A_current_key_registers_the_node_and_the_runtime_comes_Online()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);

        var node = await new IntegrationRuntimeNodeService(temp.OpenAgain()).RegisterAsync(keys.AuthKey2, "node-1");
        var runtime = (await factory.GetIntegrationRuntimeAsync("cm-ir-01", default))!;

        Assert.Equal(("cm-local-01", "cm-ir-01", "node-1", Environment.MachineName, 4), (node.Factory, node.IntegrationRuntime, node.NodeName, node.MachineName, node.MaxConcurrentJobs));
        Assert.Equal(IntegrationRuntimeState.Online, runtime.State);
        var stored = Assert.Single(runtime.Nodes);
        Assert.Equal(("node-1", NodeLiveness.Online, TempStore.Start, TempStore.Start, 4),
            (stored.NodeName, stored.Status, stored.RegisterTime, stored.LastConnectTime, stored.MaxConcurrentJobs));
    }

    [Fact]
    public async Task Without_a_name_the_node_is_named_after_the_machine()
    {
        using var temp = new TempStore();
        var (_, key) = await RuntimeWithKeyAsync(temp);

        var node = await new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(Secure.Of(key), maxConcurrentJobs: 2);

        Assert.Equal(Environment.MachineName, node.NodeName);
        Assert.Equal(2, node.MaxConcurrentJobs);
    }

    [Fact]
    public async Task Registering_the_same_node_again_is_idempotent_and_keeps_its_register_time()
    {
        using var temp = new TempStore();
        var (factory, key) = await RuntimeWithKeyAsync(temp);
        var service = new IntegrationRuntimeNodeService(temp.Store);
        await service.RegisterAsync(Secure.Of(key), "node-1");
        temp.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await service.RegisterAsync(Secure.Of(key), "NODE-1", maxConcurrentJobs: 8);

        var stored = Assert.Single((await factory.GetIntegrationRuntimeAsync("cm-ir-01", default))!.Nodes);
        Assert.Equal(("node-1", TempStore.Start, 8), (again.NodeName, again.RegisterTime, again.MaxConcurrentJobs));
        Assert.Equal(TempStore.Start.AddMinutes(5), stored.LastConnectTime);
        Assert.Equal(NodeLiveness.Online, stored.Status);
    }

    [Fact]
    public async Task A_fifth_node_is_NodeLimitReached_but_a_known_node_may_register_again()
    {
        using var temp = new TempStore();
        var (_, key) = await RuntimeWithKeyAsync(temp);
        var service = new IntegrationRuntimeNodeService(temp.Store);
        for (var i = 1; i <= 4; i++)
        {
            await service.RegisterAsync(Secure.Of(key), $"node-{i}");
        }

        var ex = await Expect.ErrorAsync(ErrorIds.NodeLimitReached, () => service.RegisterAsync(Secure.Of(key), "node-5"));
        await service.RegisterAsync(Secure.Of(key), "node-4");
        await service.RemoveAsync("cm-local-01", "cm-ir-01", "node-1");
        await service.RegisterAsync(Secure.Of(key), "node-5");

        Assert.Contains("already has 4 nodes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_AuthKeyInvalid_and_the_message_does_not_contain_it()
    {
        using var temp = new TempStore();
        var (_, key) = await RuntimeWithKeyAsync(temp);
        var parts = key.Split('@');
        var wrong = string.Join('@', parts[..4]) + "@" + Convert.ToBase64String(new byte[32]);

        var ex = await Expect.ErrorAsync(ErrorIds.AuthKeyInvalid, () => new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(Secure.Of(wrong), "node-1"));

        AssertNoSecret(ex, wrong, key);
        Assert.Contains("not a current key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(CmErrorCategory.AuthenticationError, ex.Category);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key-at-all-but-long-enough")]
    [InlineData("IR@not-a-guid@cm-local-01@local@c2VjcmV0")]
    [InlineData("XR@6f1c1f0e-8f7a-4c55-9d3c-2a8f5d1e0b11@cm-local-01@local@c2VjcmV0")]
    public async Task A_malformed_key_is_AuthKeyInvalid_without_echoing_it(string malformed)
    {
        using var temp = new TempStore();
        await RuntimeWithKeyAsync(temp);

        var ex = await Expect.ErrorAsync(ErrorIds.AuthKeyInvalid, () => new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(Secure.Of(malformed), "node-1"));

        Assert.Contains("shape", ex.Message, StringComparison.Ordinal);
        if (malformed.Length > 0)
        {
            AssertNoSecret(ex, malformed);
        }
    }

    [Fact]
    public async Task A_regenerated_key_no_longer_registers_new_nodes_but_its_nodes_stay()
    {
        using var temp = new TempStore();
        var (factory, key) = await RuntimeWithKeyAsync(temp);
        var service = new IntegrationRuntimeNodeService(temp.Store);
        await service.RegisterAsync(Secure.Of(key), "node-1");

        using var fresh = await factory.RegenerateIntegrationRuntimeKeyAsync("cm-ir-01", "authKey1", default);
        var ex = await Expect.ErrorAsync(ErrorIds.AuthKeyInvalid, () => service.RegisterAsync(Secure.Of(key), "node-2"));
        await service.RegisterAsync(fresh.AuthKey1, "node-3");

        AssertNoSecret(ex, key);
        var nodes = (await factory.GetIntegrationRuntimeAsync("cm-ir-01", default))!.Nodes;
        Assert.Equal(["node-1", "node-3"], nodes.Select(n => n.NodeName));
    }

    [Fact]
    public async Task A_key_of_another_factory_or_runtime_is_refused()
    {
        using var temp = new TempStore();
        var (_, key) = await RuntimeWithKeyAsync(temp);
        var other = await temp.NewFactoryAsync("cm-local-02");
        await other.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var otherKeys = await other.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        var otherKey = Secure.Plain(otherKeys.AuthKey1);
        var service = new IntegrationRuntimeNodeService(temp.Store);

        // The IR id of one factory with the secret of the other; and a key naming the first factory with the other's IR id.
        var mixedSecret = string.Join('@', key.Split('@')[..4]) + "@" + otherKey.Split('@')[4];
        var mixedFactory = string.Join('@', otherKey.Split('@')[..2]) + "@cm-local-01@local@" + otherKey.Split('@')[4];
        var fromAnotherStore = new TempStore();
        try
        {
            var foreign = new IntegrationRuntimeNodeService(fromAnotherStore.Store);
            foreach (var attempt in new[] { mixedSecret, mixedFactory })
            {
                var ex = await Expect.ErrorAsync(ErrorIds.AuthKeyInvalid, () => service.RegisterAsync(Secure.Of(attempt), "node-1"));
                AssertNoSecret(ex, attempt, key, otherKey);
            }

            await Expect.ErrorAsync(ErrorIds.AuthKeyInvalid, () => foreign.RegisterAsync(Secure.Of(key), "node-1"));
            var registered = await service.RegisterAsync(Secure.Of(otherKey), "node-1");
            Assert.Equal("cm-local-02", registered.Factory);
        }
        finally
        {
            fromAnotherStore.Dispose();
        }
    }

    [Theory]
    [InlineData("-node")]
    [InlineData("node 1")]
    [InlineData("")]
    public async Task Bad_node_names_are_NodeNameInvalid(string nodeName)
    {
        using var temp = new TempStore();
        var (_, key) = await RuntimeWithKeyAsync(temp);

        await Expect.ErrorAsync(ErrorIds.NodeNameInvalid, () => new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(Secure.Of(key), nodeName));
    }

    [Fact]
    public async Task Liveness_moves_the_runtime_from_NeedRegistration_to_Online_Limited_and_Offline()
    {
        using var temp = new TempStore();
        var (factory, key) = await RuntimeWithKeyAsync(temp);
        var service = new IntegrationRuntimeNodeService(temp.Store);
        async Task<IntegrationRuntimeInfo> Runtime() => (await factory.GetIntegrationRuntimeAsync("cm-ir-01", default))!;

        Assert.Equal(IntegrationRuntimeState.NeedRegistration, (await Runtime()).State);
        var one = await service.RegisterAsync(Secure.Of(key), "node-1");
        var two = await service.RegisterAsync(Secure.Of(key), "node-2");
        Assert.Equal(IntegrationRuntimeState.Online, (await Runtime()).State);

        temp.Clock.Advance(NodeLiveness.Interval);
        Assert.Equal(IntegrationRuntimeState.Online, (await Runtime()).State); // exactly the interval is still Online
        await service.HeartbeatAsync(two);
        temp.Clock.Advance(TimeSpan.FromSeconds(1));
        var limited = await Runtime();
        Assert.Equal(IntegrationRuntimeState.Limited, limited.State);
        Assert.Equal([NodeLiveness.Offline, NodeLiveness.Online], limited.Nodes.Select(n => n.Status));
        Assert.Equal(FactoryHealth.Degraded, (await factory.GetInfoAsync(default)).Health);

        temp.Clock.Advance(NodeLiveness.Interval);
        Assert.Equal(IntegrationRuntimeState.Offline, (await Runtime()).State);
        var info = await factory.GetInfoAsync(default);
        Assert.Equal((FactoryHealth.Unhealthy, 2, 0), (info.Health, info.Nodes, info.OnlineNodes));

        await service.HeartbeatAsync(one);
        Assert.Equal(IntegrationRuntimeState.Limited, (await Runtime()).State);
        Assert.Equal(temp.Clock.GetUtcNow(), (await Runtime()).Nodes[0].LastConnectTime);
    }

    [Fact]
    public async Task Heartbeat_of_a_removed_node_is_IntegrationRuntimeNotFound()
    {
        using var temp = new TempStore();
        var (factory, key) = await RuntimeWithKeyAsync(temp);
        var service = new IntegrationRuntimeNodeService(temp.Store);
        var node = await service.RegisterAsync(Secure.Of(key), "node-1");

        await factory.DeleteIntegrationRuntimeAsync("cm-ir-01", force: false, default);

        await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeNotFound, () => service.HeartbeatAsync(node));
        Assert.Null(await service.FindAsync("cm-local-01", "cm-ir-01", "node-1"));
    }

    [Fact]
    public async Task Find_returns_a_registered_node()
    {
        using var temp = new TempStore();
        var (_, key) = await RuntimeWithKeyAsync(temp);
        var service = new IntegrationRuntimeNodeService(temp.Store);
        await service.RegisterAsync(Secure.Of(key), "node-1");

        var found = await new IntegrationRuntimeNodeService(temp.OpenAgain()).FindAsync("CM-LOCAL-01", "cm-ir-01", "node-1");

        Assert.Equal(("cm-local-01", "cm-ir-01", "node-1"), (found!.Factory, found.IntegrationRuntime, found.NodeName));
    }

    internal static async Task<(LocalDataFactory Factory, string Key)> RuntimeWithKeyAsync(TempStore temp, string runtime = "cm-ir-01")
    {
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync(runtime, null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync(runtime, default);
        return (factory, Secure.Plain(keys.AuthKey1));
    }

    private static void AssertNoSecret(CmException ex, params string[] secrets)
    {
        var text = string.Join("\n", ex.Message, ex.RecommendedAction, ex.TargetObject?.ToString(), ex.ToString());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret.Split('@')[^1], text, StringComparison.Ordinal);
        }
    }
}
