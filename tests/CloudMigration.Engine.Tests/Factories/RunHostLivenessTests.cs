using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Tests.Factories;

/// <summary>
/// Runs whose host process was killed: a host given the identity of a process that is gone plays the killed process (its
/// runs stay InProgress, as a killed process leaves them), while real hosts of the same node name keep polling.
/// </summary>
public sealed class RunHostLivenessTests
{
    // No process has this id: Linux pids stay under 2^22, Windows pids are multiples of 4.
    private static readonly RunHostProcess Ended = new(Environment.MachineName, int.MaxValue, RunHostProcess.Current.StartTime);

    // This process's id, but with another start time: the killed process's id was reused.
    private static readonly RunHostProcess Reused = RunHostProcess.Current with
    {
        StartTime = RunHostProcess.Current.StartTime.AddHours(-1),
        StartTicks = RunHostProcess.Current.StartTicks - 360_000,
    };

    [Fact]
    public void This_process_runs_and_a_missing_or_reused_pid_on_this_machine_has_ended()
    {
        Assert.False(RunHostProcess.Current.HasEnded());
        Assert.True(Ended.HasEnded());
        Assert.True(Reused.HasEnded());
        Assert.False(new RunHostProcess("another-machine", int.MaxValue, RunHostProcess.Current.StartTime).HasEnded()); // not seen from here
        if (RunHostProcess.Current.StartTicks is not null)
        {
            // Linux: the clock ticks since boot decide, so a system clock set since the start does not make a live process ended.
            Assert.False((RunHostProcess.Current with { StartTime = RunHostProcess.Current.StartTime.AddHours(-1) }).HasEnded());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_run_whose_host_process_is_gone_fails_at_the_next_poll_of_a_host_of_the_same_node_name(bool reusedPid)
    {
        using var temp = new TempStore();
        var (factory, node) = await LocalRunHostTests.FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var gone = reusedPid ? Reused : Ended;
        var (killed, started) = BlockingHost(temp, node, gone);
        await using var _ = killed;
        await using var live = new LocalRunHost(temp.Store, node, new TestExecutor());
        var runId = await factory.CreateRunAsync("Finish", [], default);
        Assert.Equal([runId], await killed.PollOnceAsync());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(await live.PollOnceAsync()); // no clock moved: the node is Online all along, heartbeated by this host
        var run = await factory.GetRunAsync(runId, default);

        Assert.Equal((PipelineRunStatus.Failed, ErrorIds.PipelineRunFailed), (run.Status, run.ErrorCode));
        Assert.Contains($"The process hosting the node 'node-1' of the integration runtime 'cm-ir-01' (pid {gone.ProcessId}) ended while the run was in progress",
            run.Message, StringComparison.Ordinal);
        Assert.Equal(IntegrationRuntimeState.Online, (await factory.GetIntegrationRuntimeAsync("cm-ir-01", default))!.State);
    }

    [Fact]
    public async Task Two_live_hosts_of_one_node_name_keep_each_others_runs()
    {
        using var temp = new TempStore();
        var (factory, node) = await LocalRunHostTests.FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new TestExecutor(async (_, _) =>
        {
            await release.Task;
            return new PipelineRunResult(PipelineRunStatus.Succeeded, "done");
        });
        await using var first = new LocalRunHost(temp.OpenAgain(), node, executor);
        await using var second = new LocalRunHost(temp.OpenAgain(), node, executor);
        var completed = new CompletedRuns(first, second);
        var one = await factory.CreateRunAsync("Finish", [], default);
        Assert.Equal([one], await first.PollOnceAsync());
        var two = await factory.CreateRunAsync("Finish", [], default);
        Assert.Equal([two], await second.PollOnceAsync());

        // Past the host interval (which only applies to hosts on other machines) but within the node's: both processes run.
        temp.Clock.Advance(NodeLiveness.HostInterval + TimeSpan.FromSeconds(5));
        await first.PollOnceAsync();
        await second.PollOnceAsync();
        Assert.All(await Task.WhenAll(factory.GetRunAsync(one, default), factory.GetRunAsync(two, default)),
            run => Assert.Equal(PipelineRunStatus.InProgress, run.Status));

        release.SetResult();
        Assert.All(await Task.WhenAll(completed.WaitAsync(one), completed.WaitAsync(two)),
            run => Assert.Equal((PipelineRunStatus.Succeeded, "done"), (run.Status, run.Message)));
    }

    [Fact]
    public async Task A_Canceling_run_of_a_host_whose_process_is_gone_ends_Cancelled()
    {
        using var temp = new TempStore();
        var (factory, node) = await LocalRunHostTests.FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var (killed, started) = BlockingHost(temp, node, Ended);
        await using var _ = killed;
        var runId = await factory.CreateRunAsync("Finish", [], default);
        await killed.PollOnceAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await factory.CancelRunAsync(runId, default);
        var run = await factory.GetRunAsync(runId, default);

        Assert.Equal((PipelineRunStatus.Cancelled, (string?)null), (run.Status, run.ErrorCode));
        Assert.Contains($"(pid {Ended.ProcessId}) ended before it confirmed the cancellation", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_on_another_machine_is_gone_once_not_heard_from_for_the_host_interval()
    {
        using var temp = new TempStore();
        var (factory, node) = await LocalRunHostTests.FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var elsewhere = new RunHostProcess("another-machine", 4242, TempStore.Start);
        var (remote, started) = BlockingHost(temp, node, elsewhere);
        await using var _ = remote;
        var runId = await factory.CreateRunAsync("Finish", [], default);
        await remote.PollOnceAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        temp.Clock.Advance(NodeLiveness.HostInterval);
        Assert.Equal(PipelineRunStatus.InProgress, (await factory.GetRunAsync(runId, default)).Status);
        temp.Clock.Advance(TimeSpan.FromSeconds(1));
        var run = await factory.GetRunAsync(runId, default);

        Assert.Equal(PipelineRunStatus.Failed, run.Status);
        Assert.Contains("(pid 4242 on 'another-machine') was not heard from for 30 seconds while the run was in progress", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_host_is_forgotten_and_its_recorded_runs_keep_their_status()
    {
        using var temp = new TempStore();
        var (factory, node) = await LocalRunHostTests.FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var host = new LocalRunHost(temp.Store, node, new TestExecutor());
        var completed = new CompletedRuns(host);
        var runId = await factory.CreateRunAsync("Finish", [], default);
        await host.PollOnceAsync();
        await completed.WaitAsync(runId);

        await host.DisposeAsync();

        Assert.Equal(PipelineRunStatus.Succeeded, (await factory.GetRunAsync(runId, default)).Status);
        Assert.Equal(0L, temp.Store.Read(db => db.Count("SELECT count(*) FROM run_hosts;")));
    }

    // A host whose runs block until cancelled, recorded as running in the process given.
    private static (LocalRunHost Host, TaskCompletionSource Started) BlockingHost(TempStore temp, NodeRegistration node, RunHostProcess process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new TestExecutor(async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return new PipelineRunResult(PipelineRunStatus.Succeeded, string.Empty);
        });
        return (new LocalRunHost(temp.OpenAgain(), node, executor, new LocalRunHostOptions { Process = process }), started);
    }
}
