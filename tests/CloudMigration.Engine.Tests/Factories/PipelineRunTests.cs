using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class PipelineRunTests
{
    [Fact]
    public async Task CreateRun_queues_a_run_with_its_parameters()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factory);

        var runId = await factory.CreateRunAsync("finish", new() { ["requestId"] = "req-1", ["count"] = 3 }, default);
        var run = await new LocalDataFactory(temp.OpenAgain(), factory.Name).GetRunAsync(runId, default);

        Assert.True(Guid.TryParse(runId, out _));
        Assert.Equal((PipelineRunStatus.Queued, "Finish", "cm-local-01"), (run.Status, run.PipelineName, run.Factory));
        Assert.Equal("req-1", run.Parameters["requestId"]!.GetValue<string>());
        Assert.Equal(3, run.Parameters["count"]!.GetValue<int>());
        Assert.Equal(TempStore.Start, run.Queued);
        Assert.Null(run.RunStart);
        Assert.Null(run.Node);
    }

    [Fact]
    public async Task CreateRun_of_a_missing_pipeline_is_ResourceNotFound()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();

        await Expect.ErrorAsync(ErrorIds.ResourceNotFound, () => factory.CreateRunAsync("Nothing", [], default));

        Assert.Empty(await factory.QueryRunsAsync(new PipelineRunQuery(), default));
    }

    [Fact]
    public async Task Unknown_runs_are_PipelineRunNotFound()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        var other = await temp.NewFactoryAsync("cm-local-02");
        await AdfJson.PutFinishAsync(other);
        var otherRun = await other.CreateRunAsync("Finish", [], default);

        await Expect.ErrorAsync(ErrorIds.PipelineRunNotFound, () => factory.GetRunAsync(otherRun, default));
        await Expect.ErrorAsync(ErrorIds.PipelineRunNotFound, () => factory.CancelRunAsync(otherRun, default));
        await Expect.ErrorAsync(ErrorIds.PipelineRunNotFound, () => factory.QueryActivityRunsAsync("nope", default));
    }

    [Fact]
    public async Task QueryRuns_filters_by_pipeline_status_update_time_and_parameter()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01");
        await AdfJson.PutFinishAsync(factory);
        var first = await factory.CreateRunAsync("Finish", new() { ["requestId"] = "req-1" }, default);
        temp.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = await factory.CreateRunAsync("Finish", new() { ["requestId"] = "req-2" }, default);
        var prepare = await factory.CreateRunAsync("Prepare", new() { ["requestId"] = "req-1" }, default);
        temp.Clock.Advance(TimeSpan.FromSeconds(10));
        await factory.CancelRunAsync(first, default);

        async Task<IEnumerable<string>> Ids(PipelineRunQuery query) => (await factory.QueryRunsAsync(query, default)).Select(r => r.RunId);

        Assert.Equal([first, second, prepare], await Ids(new PipelineRunQuery()));
        Assert.Equal([first, second], await Ids(new PipelineRunQuery { PipelineName = "FINISH" }));
        Assert.Equal([second, prepare], await Ids(new PipelineRunQuery { Statuses = [PipelineRunStatus.Queued] }));
        Assert.Equal([first], await Ids(new PipelineRunQuery { UpdatedAfter = TempStore.Start.AddSeconds(10) }));
        Assert.Equal([first, prepare], await Ids(new PipelineRunQuery { Parameter = ("requestId", "req-1") }));
        Assert.Equal([prepare], await Ids(new PipelineRunQuery { Parameter = ("requestId", "req-1"), Statuses = [PipelineRunStatus.Queued] }));
        Assert.Empty(await Ids(new PipelineRunQuery { Parameter = ("requestId", "req-9") }));
    }

    [Fact]
    public async Task Cancelling_a_Queued_run_cancels_it_at_once_and_an_ended_run_stays_as_it_is()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factory);
        var runId = await factory.CreateRunAsync("Finish", [], default);
        temp.Clock.Advance(TimeSpan.FromSeconds(3));

        await factory.CancelRunAsync(runId, default);
        temp.Clock.Advance(TimeSpan.FromSeconds(3));
        await factory.CancelRunAsync(runId, default);

        var run = await factory.GetRunAsync(runId, default);
        Assert.Equal(PipelineRunStatus.Cancelled, run.Status);
        Assert.Equal(TempStore.Start.AddSeconds(3), run.RunEnd);
        Assert.Equal(0, (await factory.GetInfoAsync(default)).ActiveRuns);
    }

    [Fact]
    public async Task A_queued_run_that_needs_no_runtime_waits_while_the_factory_has_an_Online_node()
    {
        using var temp = new TempStore(queuedRunTimeout: TimeSpan.FromMinutes(1));
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        await new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(keys.AuthKey1, "node-1");
        await AdfJson.PutFinishAsync(factory);
        var runId = await factory.CreateRunAsync("Finish", [], default);

        // Past the queued-run timeout, but the node is still within its liveness interval.
        temp.Clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(PipelineRunStatus.Queued, (await factory.GetRunAsync(runId, default)).Status);
    }

    [Fact]
    public async Task A_queued_run_that_needs_no_runtime_fails_after_the_timeout_when_the_factory_has_no_Online_node()
    {
        using var temp = new TempStore(queuedRunTimeout: TimeSpan.FromMinutes(1));
        var factory = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factory);
        var runId = await factory.CreateRunAsync("Finish", [], default);

        temp.Clock.Advance(TimeSpan.FromHours(1));

        var run = await factory.GetRunAsync(runId, default);
        Assert.Equal(PipelineRunStatus.Failed, run.Status);
        Assert.Equal(ErrorIds.IntegrationRuntimeOffline, run.ErrorCode);
        Assert.Contains($"a node of the data factory '{factory.Name}', which has none Online", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_waiting_for_a_runtime_without_an_Online_node_fails_after_the_timeout_when_read()
    {
        using var temp = new TempStore(queuedRunTimeout: TimeSpan.FromMinutes(1));
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01");
        var runId = await factory.CreateRunAsync("Prepare", [], default);

        temp.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(PipelineRunStatus.Queued, (await factory.GetRunAsync(runId, default)).Status);
        temp.Clock.Advance(TimeSpan.FromSeconds(1));
        var run = (await factory.QueryRunsAsync(new PipelineRunQuery(), default)).Single();

        Assert.Equal((PipelineRunStatus.Failed, ErrorIds.IntegrationRuntimeOffline), (run.Status, run.ErrorCode));
        Assert.Contains("waited 1 minute for the integration runtime 'cm-ir-01', which has no Online node", run.Message, StringComparison.Ordinal);
        Assert.Equal(TempStore.Start.AddMinutes(1), run.RunEnd);
    }
}
