using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

/// <summary>
/// <see cref="DataFactoryService.EnsureLocalNodeAsync"/>: what Start-CmReplication (and a resumed setup) does in a new
/// process: host this machine's node unless a live process hosts one of the IR already.
/// </summary>
public sealed class LocalNodeHostingTests
{
    [Fact]
    public async Task With_no_host_this_process_hosts_the_node_of_this_machine()
    {
        using var temp = new TempStore();
        var (factory, _) = await NodeRegistrationTests.RuntimeWithKeyAsync(temp);
        try
        {
            Assert.True(await new DataFactoryService(temp.Store).EnsureLocalNodeAsync(factory, "cm-ir-01", default));

            var node = await new IntegrationRuntimeNodeService(temp.Store).FindAsync(factory.Name, "cm-ir-01", Environment.MachineName);
            Assert.True(LocalNodeHosts.IsHosted(temp.Store, node!));
        }
        finally
        {
            await LocalNodeHosts.StopAllAsync(temp.Store);
        }
    }

    [Fact]
    public async Task A_host_whose_process_was_killed_does_not_count_a_live_one_elsewhere_does()
    {
        using var temp = new TempStore();
        var (factory, node) = await LocalRunHostTests.FactoryWithNodeAsync(temp);
        var gone = new RunHostProcess(Environment.MachineName, int.MaxValue, RunHostProcess.Current.StartTime);
        var elsewhere = new RunHostProcess("another-machine", 4242, TempStore.Start);
        await using var killed = new LocalRunHost(temp.OpenAgain(), node, new TestExecutor(), new LocalRunHostOptions { Process = gone });
        await using var remote = new LocalRunHost(temp.OpenAgain(), node, new TestExecutor(), new LocalRunHostOptions { Process = elsewhere });
        var service = new DataFactoryService(temp.Store);
        await killed.PollOnceAsync();
        try
        {
            Assert.True(await service.EnsureLocalNodeAsync(factory, "cm-ir-01", default));
            await LocalNodeHosts.StopAllAsync(temp.Store);

            await remote.PollOnceAsync();
            Assert.False(await service.EnsureLocalNodeAsync(factory, "cm-ir-01", default));
            var mine = await new IntegrationRuntimeNodeService(temp.Store).FindAsync(factory.Name, "cm-ir-01", Environment.MachineName);
            Assert.True(mine is null || !LocalNodeHosts.IsHosted(temp.Store, mine));

            temp.Clock.Advance(NodeLiveness.HostInterval + TimeSpan.FromSeconds(1));
            Assert.True(await service.EnsureLocalNodeAsync(factory, "cm-ir-01", default)); // not heard from: gone
        }
        finally
        {
            await LocalNodeHosts.StopAllAsync(temp.Store);
        }
    }
}
