using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class FactoryHealthRuleTests
{
    [Fact]
    public void No_runtime_is_Healthy()
    {
        Assert.Equal(FactoryHealth.Healthy, FactoryHealthRule.Evaluate([]).Health);
    }

    [Fact]
    public void Runtimes_waiting_for_their_first_node_are_Healthy()
    {
        var verdict = FactoryHealthRule.Evaluate([Runtime("a", 0, 0), Runtime("b", 1, 1)]);

        Assert.Equal(FactoryHealth.Healthy, verdict.Health);
        Assert.Contains("1 waiting", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_runtime_Offline_is_Unhealthy_and_says_which()
    {
        var verdict = FactoryHealthRule.Evaluate([Runtime("ir-a", 2, 0), Runtime("ir-b", 1, 0)]);

        Assert.Equal(FactoryHealth.Unhealthy, verdict.Health);
        Assert.Contains("'ir-a' Offline (0 of 2 nodes Online)", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("'ir-b' Offline", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    public void Some_runtime_Limited_or_Offline_is_Degraded(int nodes, int online)
    {
        var verdict = FactoryHealthRule.Evaluate([Runtime("ir-ok", 1, 1), Runtime("ir-sick", nodes, online)]);

        Assert.Equal(FactoryHealth.Degraded, verdict.Health);
        Assert.Contains("'ir-sick'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_Offline_runtime_beside_one_waiting_for_a_node_is_Degraded_not_Unhealthy()
    {
        Assert.Equal(FactoryHealth.Degraded, FactoryHealthRule.Evaluate([Runtime("a", 1, 0), Runtime("b", 0, 0)]).Health);
    }

    [Fact]
    public void An_unreadable_store_is_Unhealthy_with_the_error()
    {
        var verdict = FactoryHealthRule.Unreadable("disk I/O error");

        Assert.Equal(FactoryHealth.Unhealthy, verdict.Health);
        Assert.Contains("disk I/O error", verdict.Reason, StringComparison.Ordinal);
    }

    internal static IntegrationRuntimeInfo Runtime(string name, int nodes, int online) => new()
    {
        Name = name,
        Factory = "cm-f",
        State = NodeLiveness.StateOf(nodes, online),
        Nodes = Enumerable.Range(0, nodes).Select(i => new IntegrationRuntimeNode
        {
            NodeName = $"n{i}",
            MachineName = "m",
            Status = i < online ? NodeLiveness.Online : NodeLiveness.Offline,
            RegisterTime = TempStore.Start,
            LastConnectTime = TempStore.Start,
            MaxConcurrentJobs = 4,
        }).ToList(),
    };
}
