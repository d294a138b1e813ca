using System.Collections.Concurrent;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class LocalRunHostTests
{
    [Fact]
    public async Task A_host_runs_a_queued_run_records_its_activities_and_ends_it()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01", "runner-needs-this");
        var executor = new TestExecutor(async (call, token) =>
        {
            var started = temp.Clock.GetUtcNow();
            await call.Recorder.RecordAsync(new ActivityRunInfo { RunId = call.RunId, ActivityName = "ListCompanies", ActivityType = "Lookup", Status = ActivityRunStatus.InProgress, Start = started }, token);
            temp.Clock.Advance(TimeSpan.FromSeconds(2));
            await call.Recorder.RecordAsync(new ActivityRunInfo
            {
                RunId = call.RunId, ActivityName = "ListCompanies", ActivityType = "Lookup", Status = ActivityRunStatus.Succeeded,
                End = temp.Clock.GetUtcNow(), Output = new System.Text.Json.Nodes.JsonObject { ["count"] = 2 },
            }, token);
            return new PipelineRunResult(PipelineRunStatus.Succeeded, "2 companies");
        });
        await using var host = new LocalRunHost(temp.OpenAgain(), node, executor);
        var completed = new CompletedRuns(host);
        var runId = await factory.CreateRunAsync("Prepare", new() { ["requestId"] = "req-1" }, default);

        Assert.Equal([runId], await host.PollOnceAsync());
        var run = await completed.WaitAsync(runId);

        Assert.Equal((PipelineRunStatus.Succeeded, "2 companies", "node-1", "cm-ir-01"), (run.Status, run.Message, run.Node, run.IntegrationRuntime));
        Assert.Equal((TempStore.Start, TempStore.Start.AddSeconds(2)), (run.RunStart, run.RunEnd));
        var call = Assert.Single(executor.Calls);
        Assert.Equal("req-1", call.Parameters["requestId"]!.GetValue<string>());
        Assert.Equal("Lookup", call.Pipeline["properties"]!["activities"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("runner-needs-this", call.Resources.Get(FactoryResourceKind.LinkedService, "SlSource")!["properties"]!["typeProperties"]!["password"]!["value"]!.GetValue<string>());
        var activity = Assert.Single(await factory.QueryActivityRunsAsync(runId, default));
        Assert.Equal((ActivityRunStatus.Succeeded, TempStore.Start, TempStore.Start.AddSeconds(2), 2),
            (activity.Status, activity.Start, activity.End, activity.Output!["count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_executor_that_throws_fails_the_run_with_a_redacted_message()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var executor = new TestExecutor((_, _) => throw new InvalidOperationException("cannot connect: Password=hunter2-secret;"));
        await using var host = new LocalRunHost(temp.Store, node, executor);
        var completed = new CompletedRuns(host);
        var runId = await factory.CreateRunAsync("Finish", [], default);

        await host.PollOnceAsync();
        var run = await completed.WaitAsync(runId);

        Assert.Equal((PipelineRunStatus.Failed, ErrorIds.PipelineRunFailed), (run.Status, run.ErrorCode));
        Assert.Contains("cannot connect", run.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hosts_on_two_store_instances_never_run_one_run_twice()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        var storeA = temp.OpenAgain();
        var storeB = temp.OpenAgain();
        var nodeA = await new IntegrationRuntimeNodeService(storeA).RegisterAsync(keys.AuthKey1, "node-a", maxConcurrentJobs: 3);
        var nodeB = await new IntegrationRuntimeNodeService(storeB).RegisterAsync(keys.AuthKey2, "node-b", maxConcurrentJobs: 3);
        await AdfJson.PutFinishAsync(factory);
        var executions = new ConcurrentDictionary<string, int>();
        var executor = new TestExecutor(async (call, _) =>
        {
            executions.AddOrUpdate(call.RunId, 1, (_, n) => n + 1);
            await Task.Yield();
            return new PipelineRunResult(PipelineRunStatus.Succeeded, string.Empty);
        });
        var runIds = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            runIds.Add(await factory.CreateRunAsync("Finish", new() { ["requestId"] = $"req-{i}" }, default));
        }

        var fast = new LocalRunHostOptions { PollInterval = TimeSpan.FromMilliseconds(5) };
        await using var hostA = new LocalRunHost(storeA, nodeA, executor, fast);
        await using var hostB = new LocalRunHost(storeB, nodeB, executor, fast);
        var completed = new CompletedRuns(hostA, hostB);
        hostA.Start();
        hostB.Start();
        var runs = await Task.WhenAll(runIds.Select(completed.WaitAsync));

        Assert.All(runs, r => Assert.Equal(PipelineRunStatus.Succeeded, r.Status));
        Assert.Equal(runIds.Order(), executions.Keys.Order());
        Assert.All(executions.Values, count => Assert.Equal(1, count));
        Assert.Equal(40, executor.Calls.Count);
        Assert.Equal(40, runs.Count(r => r.Node is "node-a" or "node-b"));
    }

    [Fact]
    public async Task Cancel_from_another_store_instance_cancels_the_executors_token_mid_run()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = false;
        var executor = new TestExecutor(async (_, token) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                sawCancellation = true;
                throw;
            }

            return new PipelineRunResult(PipelineRunStatus.Succeeded, string.Empty);
        });
        await using var host = new LocalRunHost(temp.Store, node, executor);
        var completed = new CompletedRuns(host);
        var runId = await factory.CreateRunAsync("Finish", [], default);
        await host.PollOnceAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var elsewhere = new LocalDataFactory(temp.OpenAgain(), factory.Name);
        Assert.Equal(PipelineRunStatus.InProgress, (await elsewhere.GetRunAsync(runId, default)).Status);
        await elsewhere.CancelRunAsync(runId, default);
        Assert.Equal(PipelineRunStatus.Canceling, (await elsewhere.GetRunAsync(runId, default)).Status);
        await host.PollOnceAsync();
        var run = await completed.WaitAsync(runId);

        Assert.True(sawCancellation);
        Assert.Equal(PipelineRunStatus.Cancelled, run.Status);
        Assert.NotNull(run.RunEnd);
        Assert.Empty(host.RunningRuns);
    }

    [Fact]
    public async Task A_run_needing_an_offline_runtime_stays_Queued_then_fails_with_IntegrationRuntimeOffline()
    {
        using var temp = new TempStore(queuedRunTimeout: TimeSpan.FromMinutes(5));
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-remote", null, default);
        await factory.CreateIntegrationRuntimeAsync("cm-ir-local", null, default);
        using var remoteKeys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-remote", default);
        using var localKeys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-local", default);
        var nodes = new IntegrationRuntimeNodeService(temp.Store);
        var remote = await nodes.RegisterAsync(remoteKeys.AuthKey1, "remote-1");
        var local = await nodes.RegisterAsync(localKeys.AuthKey1, "local-1");
        await AdfJson.PutPrepareAsync(factory, "cm-ir-remote");
        var executor = new TestExecutor();
        await using var localHost = new LocalRunHost(temp.Store, local, executor);
        await using var remoteHost = new LocalRunHost(temp.Store, remote, executor);
        temp.Clock.Advance(NodeLiveness.Interval + TimeSpan.FromSeconds(1));
        var runId = await factory.CreateRunAsync("Prepare", [], default);

        Assert.Empty(await localHost.PollOnceAsync()); // not its runtime
        temp.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(await localHost.PollOnceAsync());
        Assert.Equal(PipelineRunStatus.Queued, (await factory.GetRunAsync(runId, default)).Status);
        temp.Clock.Advance(TimeSpan.FromMinutes(1));
        await localHost.PollOnceAsync();

        var run = await factory.GetRunAsync(runId, default);
        Assert.Equal((PipelineRunStatus.Failed, ErrorIds.IntegrationRuntimeOffline), (run.Status, run.ErrorCode));
        Assert.Contains("'cm-ir-remote', which has no Online node", run.Message, StringComparison.Ordinal);
        Assert.Empty(executor.Calls);
        Assert.Empty(await remoteHost.PollOnceAsync()); // an ended run is not claimed when the node comes back
    }

    [Fact]
    public async Task A_run_waiting_for_a_runtime_is_claimed_once_a_node_of_it_is_back()
    {
        using var temp = new TempStore(queuedRunTimeout: TimeSpan.FromMinutes(5));
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01");
        temp.Clock.Advance(NodeLiveness.Interval + TimeSpan.FromSeconds(1));
        var runId = await factory.CreateRunAsync("Prepare", [], default);
        Assert.Equal(IntegrationRuntimeState.Offline, (await factory.GetIntegrationRuntimeAsync("cm-ir-01", default))!.State);
        temp.Clock.Advance(TimeSpan.FromMinutes(4));
        await using var host = new LocalRunHost(temp.Store, node, new TestExecutor());
        var completed = new CompletedRuns(host);

        Assert.Equal([runId], await host.PollOnceAsync()); // the poll's heartbeat brings the node back Online
        Assert.Equal(PipelineRunStatus.Succeeded, (await completed.WaitAsync(runId)).Status);
    }

    [Fact]
    public async Task A_host_runs_no_more_than_its_node_MaxConcurrentJobs_at_once()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp, maxConcurrentJobs: 2);
        await AdfJson.PutFinishAsync(factory);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new TestExecutor(async (_, _) =>
        {
            await release.Task;
            return new PipelineRunResult(PipelineRunStatus.Succeeded, string.Empty);
        });
        await using var host = new LocalRunHost(temp.Store, node, executor);
        var completed = new CompletedRuns(host);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await factory.CreateRunAsync("Finish", [], default));
        }

        var first = await host.PollOnceAsync();
        var second = await host.PollOnceAsync();
        release.SetResult();
        await Task.WhenAll(first.Select(completed.WaitAsync));
        var third = await host.PollOnceAsync();
        await completed.WaitAsync(ids[2]);

        Assert.Equal(ids.Take(2), first);
        Assert.Empty(second);
        Assert.Equal([ids[2]], third);
    }

    [Fact]
    public async Task A_run_whose_node_stops_responding_fails_and_its_executor_is_told_to_stop()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new TestExecutor(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return new PipelineRunResult(PipelineRunStatus.Succeeded, string.Empty);
        });
        await using var host = new LocalRunHost(temp.Store, node, executor);
        var completed = new CompletedRuns(host);
        var runId = await factory.CreateRunAsync("Finish", [], default);
        await host.PollOnceAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        temp.Clock.Advance(NodeLiveness.Interval + TimeSpan.FromSeconds(1));
        var lost = await factory.GetRunAsync(runId, default);
        await host.PollOnceAsync();
        await completed.WaitAsync(runId);

        Assert.Equal((PipelineRunStatus.Failed, ErrorIds.PipelineRunFailed), (lost.Status, lost.ErrorCode));
        Assert.Contains("'node-1'", lost.Message, StringComparison.Ordinal);
        Assert.Contains("stopped responding", lost.Message, StringComparison.Ordinal);
        Assert.Empty(host.RunningRuns);
        Assert.Equal(PipelineRunStatus.Failed, (await factory.GetRunAsync(runId, default)).Status);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_its_runs_and_records_them_Failed()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new TestExecutor(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return new PipelineRunResult(PipelineRunStatus.Succeeded, string.Empty);
        });
        var host = new LocalRunHost(temp.Store, node, executor, new LocalRunHostOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        var runId = await factory.CreateRunAsync("Finish", [], default);
        host.Start();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await host.DisposeAsync();

        var run = await factory.GetRunAsync(runId, default);
        Assert.Equal((PipelineRunStatus.Failed, ErrorIds.PipelineRunFailed), (run.Status, run.ErrorCode));
        Assert.Contains("stopped while the run was in progress", run.Message, StringComparison.Ordinal);
        Assert.True(host.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_loop_ends_with_an_error_when_its_node_is_removed()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await using var host = new LocalRunHost(temp.Store, node, new TestExecutor(), new LocalRunHostOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        await factory.DeleteIntegrationRuntimeAsync("cm-ir-01", force: false, default);

        host.Start();

        var ex = await Assert.ThrowsAsync<CmException>(() => host.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(ErrorIds.IntegrationRuntimeNotFound, ex.ErrorId);
    }

    [Fact]
    public async Task A_subscriber_that_throws_does_not_stop_the_host()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        await using var host = new LocalRunHost(temp.Store, node, new TestExecutor());
        host.RunCompleted += (_, _) => throw new InvalidOperationException("subscriber bug");
        var completed = new CompletedRuns(host);
        var first = await factory.CreateRunAsync("Finish", [], default);
        await host.PollOnceAsync();
        await completed.WaitAsync(first);
        var second = await factory.CreateRunAsync("Finish", [], default);

        Assert.Equal([second], await host.PollOnceAsync());
        Assert.Equal(PipelineRunStatus.Succeeded, (await completed.WaitAsync(second)).Status);
    }

    internal static async Task<(LocalDataFactory Factory, NodeRegistration Node)> FactoryWithNodeAsync(TempStore temp, int maxConcurrentJobs = 4)
    {
        var (factory, key) = await NodeRegistrationTests.RuntimeWithKeyAsync(temp);
        var node = await new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(Secure.Of(key), "node-1", maxConcurrentJobs);
        return (factory, node);
    }
}
