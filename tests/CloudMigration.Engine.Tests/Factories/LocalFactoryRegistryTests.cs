using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class LocalFactoryRegistryTests
{
    [Fact]
    public async Task Register_returns_an_empty_healthy_local_factory()
    {
        using var temp = new TempStore();

        var info = await temp.Registry.RegisterAsync("cm-local-01");

        Assert.Equal("cm-local-01", info.Name);
        Assert.Equal(DataFactoryKind.Local, info.Kind);
        Assert.Equal("local", info.Location);
        Assert.Equal(temp.StorePath, info.ResourceId);
        Assert.Equal(TempStore.Start, info.Registered);
        Assert.Equal((0, 0, 0, 0), (info.IntegrationRuntimes, info.Nodes, info.OnlineNodes, info.ActiveRuns));
        Assert.Equal(FactoryHealth.Healthy, info.Health);
    }

    [Fact]
    public async Task A_taken_name_in_any_case_is_FactoryExists()
    {
        using var temp = new TempStore();
        await temp.Registry.RegisterAsync("cm-local-01");

        var ex = await Expect.ErrorAsync(ErrorIds.FactoryExists, () => new LocalFactoryRegistry(temp.OpenAgain()).RegisterAsync("CM-Local-01"));

        Assert.Contains("'cm-local-01'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("cm--local")]
    [InlineData("-cm")]
    [InlineData("cm_local")]
    public async Task Names_ADF_refuses_are_FactoryNameInvalid(string name)
    {
        using var temp = new TempStore();

        await Expect.ErrorAsync(ErrorIds.FactoryNameInvalid, () => temp.Registry.RegisterAsync(name));

        Assert.Empty(await temp.Registry.ListAsync());
    }

    [Fact]
    public async Task List_and_Get_show_the_load_of_each_factory()
    {
        using var temp = new TempStore();
        await temp.Registry.RegisterAsync("cm-b");
        var a = await temp.NewFactoryAsync("cm-a");
        await a.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await a.CreateIntegrationRuntimeAsync("cm-ir-02", null, default);
        using var keys = await a.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        var nodes = new IntegrationRuntimeNodeService(temp.Store);
        await nodes.RegisterAsync(keys.AuthKey1, "node-1");
        await nodes.RegisterAsync(keys.AuthKey2, "node-2");
        await AdfJson.PutFinishAsync(a);
        await a.CreateRunAsync("Finish", [], default);
        var cancelled = await a.CreateRunAsync("Finish", [], default);
        await a.CancelRunAsync(cancelled, default);

        var list = await temp.Registry.ListAsync();
        var got = await temp.Registry.GetAsync("CM-A");

        Assert.Equal(["cm-a", "cm-b"], list.Select(f => f.Name));
        Assert.Equal((2, 2, 2, 1), (got.IntegrationRuntimes, got.Nodes, got.OnlineNodes, got.ActiveRuns));
        Assert.Equal((0, 0), (list[1].IntegrationRuntimes, list[1].ActiveRuns));
    }

    [Fact]
    public async Task Get_and_Open_of_an_unknown_factory_are_FactoryNotFound()
    {
        using var temp = new TempStore();

        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => temp.Registry.GetAsync("cm-none"));
        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => temp.Registry.OpenAsync("cm-none"));
        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => temp.Registry.UnregisterAsync("cm-none", force: false));
    }

    [Fact]
    public async Task Unregister_is_refused_while_runs_are_active_unless_forced()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factory);
        await factory.CreateRunAsync("Finish", [], default);

        var ex = await Expect.ErrorAsync(ErrorIds.FactoryInUse, () => temp.Registry.UnregisterAsync("cm-local-01", force: false));
        Assert.Contains("1 active pipeline run", ex.Message, StringComparison.Ordinal);
        Assert.Single(await temp.Registry.ListAsync());

        await temp.Registry.UnregisterAsync("cm-local-01", force: true);

        Assert.Empty(await temp.Registry.ListAsync());
        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => factory.GetInfoAsync(default));
    }

    [Fact]
    public async Task Unregister_removes_everything_so_the_name_can_be_registered_afresh()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await AdfJson.PutFinishAsync(factory);

        await temp.Registry.UnregisterAsync("cm-local-01", force: false);
        var again = await temp.NewFactoryAsync();

        Assert.Empty(await again.ListIntegrationRuntimesAsync(default));
        Assert.Empty(await again.ListResourcesAsync(FactoryResourceKind.Pipeline, default));
    }
}
