using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class LoadBalancerTests
{
    [Fact]
    public void The_factory_with_the_fewest_active_runs_wins_whatever_else()
    {
        var choice = LoadBalancer.Choose([
            Factory("cm-a", activeRuns: 3, runtimes: 0, onlineNodes: 8),
            Factory("cm-b", activeRuns: 1, runtimes: 5, onlineNodes: 0, health: FactoryHealth.Degraded),
            Factory("cm-c", activeRuns: 2)]);

        Assert.Equal("cm-b", choice.Factory.Name);
        Assert.Equal(["cm-b", "cm-c", "cm-a"], choice.Candidates.Select(f => f.Name));
        Assert.Contains("fewest active runs (1; next is 'cm-c' with 2)", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unhealthy_factories_are_skipped_even_when_idle()
    {
        var choice = LoadBalancer.Choose([
            Factory("cm-a", activeRuns: 0, health: FactoryHealth.Unhealthy),
            Factory("cm-b", activeRuns: 9)]);

        Assert.Equal("cm-b", choice.Factory.Name);
        Assert.Single(choice.Candidates);
        Assert.Contains("only data factory that can take new work (1 other(s) Unhealthy)", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_equal_runs_Healthy_beats_Degraded()
    {
        var choice = LoadBalancer.Choose([
            Factory("cm-a", activeRuns: 1, health: FactoryHealth.Degraded),
            Factory("cm-b", activeRuns: 1, runtimes: 4)]);

        Assert.Equal("cm-b", choice.Factory.Name);
        Assert.Contains("is Healthy", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Then_fewer_integration_runtimes_then_more_online_nodes()
    {
        var byRuntimes = LoadBalancer.Choose([Factory("cm-a", runtimes: 3, onlineNodes: 9), Factory("cm-b", runtimes: 2, onlineNodes: 1)]);
        var byNodes = LoadBalancer.Choose([Factory("cm-a", runtimes: 2, onlineNodes: 1), Factory("cm-b", runtimes: 2, onlineNodes: 3)]);

        Assert.Equal("cm-b", byRuntimes.Factory.Name);
        Assert.Contains("fewest integration runtimes", byRuntimes.Reason, StringComparison.Ordinal);
        Assert.Equal("cm-b", byNodes.Factory.Name);
        Assert.Contains("most Online nodes (3; 'cm-a' has 1)", byNodes.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_tie_goes_to_the_ordinal_first_name_whatever_the_input_order()
    {
        var one = LoadBalancer.Choose([Factory("cm-b"), Factory("cm-a"), Factory("CM-C")]);
        var other = LoadBalancer.Choose([Factory("cm-a"), Factory("CM-C"), Factory("cm-b")]);

        Assert.Equal("CM-C", one.Factory.Name);
        Assert.Equal(one.Candidates.Select(f => f.Name), other.Candidates.Select(f => f.Name));
        Assert.Contains("comes first by name", one.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_usable_factory_is_NoHealthyFactory_listing_each_reason()
    {
        var ex = Expect.Error(ErrorIds.NoHealthyFactory, () => LoadBalancer.Choose([
            Factory("cm-a", health: FactoryHealth.Unhealthy, reason: "Every integration runtime is Offline: 'ir-1'."),
            Factory("cm-b", health: FactoryHealth.Unhealthy, reason: "Its store cannot be read: disk I/O error")]));

        Assert.Contains("'cm-a' is Unhealthy: Every integration runtime is Offline: 'ir-1'.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'cm-b' is Unhealthy: Its store cannot be read: disk I/O error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_factory_at_all_is_NoHealthyFactory()
    {
        var ex = Expect.Error(ErrorIds.NoHealthyFactory, () => LoadBalancer.Choose([]));

        Assert.Contains("none is registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_judges_what_the_registry_lists()
    {
        using var temp = new TempStore();
        await temp.Registry.RegisterAsync("cm-idle");
        var busy = await temp.NewFactoryAsync("cm-busy");
        await AdfJson.PutFinishAsync(busy);
        await busy.CreateRunAsync("Finish", [], default);

        var choice = LoadBalancer.Choose(await temp.Registry.ListAsync());

        Assert.Equal("cm-idle", choice.Factory.Name);
    }

    private static DataFactoryInfo Factory(string name, int activeRuns = 0, int runtimes = 1, int onlineNodes = 1,
        FactoryHealth health = FactoryHealth.Healthy, string reason = "") => new()
    {
        Name = name,
        Kind = DataFactoryKind.Local,
        Location = "local",
        ResourceId = "test",
        ActiveRuns = activeRuns,
        IntegrationRuntimes = runtimes,
        Nodes = onlineNodes,
        OnlineNodes = onlineNodes,
        Health = health,
        HealthReason = reason,
    };
}
