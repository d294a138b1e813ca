using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Pipelines;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.TablePlanning;

namespace CloudMigration.Engine.Tests.Factories;

/// <summary>PipelinePublisher (resources and the control table) and PipelineRunService (runs, waiting, cancelling, errors).</summary>
public sealed class PipelinePublishTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Runtime = "cm-ir-01";

    private static readonly (string Kind, string Name)[] SixResources =
    [
        ("LinkedService", PipelinePublisher.SourceLinkedService),
        ("LinkedService", PipelinePublisher.DestinationLinkedService),
        ("Dataset", PipelinePublisher.SourceDataset),
        ("Dataset", PipelinePublisher.DestinationDataset),
        ("Pipeline", PipelinePublisher.PreparationPipeline),
        ("Pipeline", PipelinePublisher.ReplicationPipeline),
    ];

    [Fact]
    public async Task Publishing_writes_the_six_resources()
    {
        using var temp = new TempStore();
        using var sample = new PipelineSample(fixture.Folder);
        var factory = await temp.NewFactoryAsync();

        var published = await new PipelinePublisher().PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, null, null, CancellationToken.None);

        Assert.Equal(SixResources, published.Select(p => (p.Kind, p.Name)));
        Assert.All(published, p => Assert.Equal(factory.Name, p.Factory));
        Assert.All(published, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.Equal(new[] { PipelinePublisher.SourceLinkedService, PipelinePublisher.DestinationLinkedService }.Order(), (await factory.ListResourcesAsync(FactoryResourceKind.LinkedService, default)).Order());
        Assert.Equal(new[] { PipelinePublisher.SourceDataset, PipelinePublisher.DestinationDataset }.Order(), (await factory.ListResourcesAsync(FactoryResourceKind.Dataset, default)).Order());
        Assert.Equal(new[] { PipelinePublisher.PreparationPipeline, PipelinePublisher.ReplicationPipeline }.Order(), (await factory.ListResourcesAsync(FactoryResourceKind.Pipeline, default)).Order());
        // Without a plan, the destination is not touched: no control table.
        Assert.Equal(0, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM sqlite_master WHERE name = '{ControlTable.SqliteName}'"));
    }

    [Fact]
    public async Task Publishing_twice_is_idempotent()
    {
        using var temp = new TempStore();
        using var sample = new PipelineSample(fixture.Folder);
        var factory = await temp.NewFactoryAsync();
        var publisher = new PipelinePublisher();

        var first = await publisher.PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, null, null, CancellationToken.None);
        var definitions = await DefinitionsAsync(factory);
        var second = await publisher.PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, null, null, CancellationToken.None);

        Assert.Equal(first.Select(p => (p.Kind, p.Name)), second.Select(p => (p.Kind, p.Name)));
        var again = await DefinitionsAsync(factory);
        Assert.Equal(definitions.Keys.Order(), again.Keys.Order());
        Assert.All(definitions, d => Assert.True(JsonNode.DeepEquals(d.Value, again[d.Key]), d.Key));
    }

    [Fact]
    public async Task A_sql_server_source_connects_via_the_integration_runtime_and_a_sqlite_one_does_not()
    {
        using var temp = new TempStore();
        using var sample = new PipelineSample(fixture.Folder);
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync(Runtime, null, default);
        var sqlServer = CmEndpoint.Parse("Server=sl01;Database=SLSystem;User ID=migrator;Password=Not-Real-1;Encrypt=false");

        await new PipelinePublisher().PublishAsync(factory, sqlServer, sample.Copy.Destination, Runtime, null, CancellationToken.None);
        var viaIr = await factory.GetResourceAsync(FactoryResourceKind.LinkedService, PipelinePublisher.SourceLinkedService, default);
        var destination = await factory.GetResourceAsync(FactoryResourceKind.LinkedService, PipelinePublisher.DestinationLinkedService, default);

        Assert.Equal(Runtime, viaIr!["properties"]!["connectVia"]!["referenceName"]!.GetValue<string>());
        Assert.Null(destination!["properties"]!["connectVia"]);

        await new PipelinePublisher().PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, Runtime, null, CancellationToken.None);
        var sqlite = await factory.GetResourceAsync(FactoryResourceKind.LinkedService, PipelinePublisher.SourceLinkedService, default);

        Assert.Null(sqlite!["properties"]!["connectVia"]);
    }

    [Fact]
    public async Task With_a_plan_the_control_table_has_one_row_per_copyable_entry()
    {
        using var temp = new TempStore();
        using var sample = new PipelineSample(fixture.Folder);
        var factory = await temp.NewFactoryAsync();
        var plan = (await SamplePlan.BuildAsync(sample.Copy.Source, sample.Copy.Destination, ["0010"])).Entries.ToList();
        var copyable = plan.Count(e => e.CopyMethod != CopyMethod.Skip && e.Status != PlanStatus.Error);
        Assert.True(copyable > 0 && copyable <= plan.Count);

        var published = await new PipelinePublisher().PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, null, plan, CancellationToken.None);
        await new PipelinePublisher().PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, null, plan, CancellationToken.None);

        Assert.Equal(7, published.Count);
        var control = published[^1];
        Assert.Equal(("ControlTable", SampleEnvironmentBuilder.DestinationDatabase), (control.Kind, control.Name));
        Assert.StartsWith($"{copyable} of {plan.Count} ", control.Description, StringComparison.Ordinal);
        Assert.Equal(copyable, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {ControlTable.SqliteName}"));
        Assert.Equal(copyable, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(DISTINCT SourceTable) FROM {ControlTable.SqliteName}"));
    }

    [Fact]
    public async Task Published_pipelines_run_with_wait_on_a_running_host_and_a_rerun_does_not_duplicate()
    {
        using var temp = new TempStore();
        using var sample = new PipelineSample(fixture.Folder);
        var (factory, node) = await FactoryWithNodeAsync(temp);
        var plan = (await SamplePlan.BuildAsync(sample.Copy.Source, sample.Copy.Destination, ["0010"])).Entries.ToList();
        await new PipelinePublisher().PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, Runtime, plan, CancellationToken.None);
        await using var host = new LocalRunHost(temp.Store, node, new PipelineRunner(new PipelineRunnerOptions { Procedures = sample.Procedures }),
            new LocalRunHostOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        host.Start();
        var service = new PipelineRunService { PollInterval = TimeSpan.FromMilliseconds(20) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var prepared = await service.InvokeAsync(factory, PipelinePublisher.PreparationPipeline, [], wait: true, null, timeout.Token);
        Assert.True(prepared.Status == PipelineRunStatus.Succeeded, prepared.Message);
        Assert.Null(PipelineRunService.ErrorOf(prepared));

        var counts = new List<long[]>();
        foreach (var requestId in new[] { "r-1", "r-2" })
        {
            var replicated = await service.InvokeAsync(factory, PipelinePublisher.ReplicationPipeline, new JsonObject { ["RequestId"] = requestId }, wait: true, null, timeout.Token);
            Assert.True(replicated.Status == PipelineRunStatus.Succeeded, replicated.Message);
            counts.Add([.. plan.Where(e => e.CopyMethod != CopyMethod.Skip && e.Status != PlanStatus.Error).Select(e =>
                sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM \"{e.DestinationTable.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))]);
        }

        var entries = plan.Where(e => e.CopyMethod != CopyMethod.Skip && e.Status != PlanStatus.Error).ToList();
        Assert.Equal(entries.Select(e => e.EstimatedRows ?? -1), counts[0]);
        Assert.Equal(counts[0], counts[1]);
        Assert.Contains(counts[0], n => n > 0);
        var glTran = entries.Single(e => e.SourceTable == "GLTran");
        Assert.Equal(sample.Scalar("SLApp", "SELECT COUNT(*) FROM GLTran WHERE rtrim(CpnyID) = '0010'"), counts[0][entries.IndexOf(glTran)]);
    }

    [Fact]
    public async Task Invoke_with_wait_returns_succeeded_when_the_host_runs()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        await using var host = new LocalRunHost(temp.Store, node, new TestExecutor(), new LocalRunHostOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        host.Start();
        var progress = new List<string>();

        var run = await new PipelineRunService { PollInterval = TimeSpan.FromMilliseconds(20) }
            .InvokeAsync(factory, "Finish", [], wait: true, new SyncProgress(p => progress.Add(p.Status)), CancellationToken.None);

        Assert.Equal(PipelineRunStatus.Succeeded, run.Status);
        Assert.Equal("node-1", run.Node);
        Assert.Equal("Succeeded", progress[^1]);
    }

    [Fact]
    public async Task Invoke_without_wait_returns_the_queued_run()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factory);

        var run = await new PipelineRunService().InvokeAsync(factory, "Finish", [], wait: false, null, CancellationToken.None);

        Assert.Equal(PipelineRunStatus.Queued, run.Status);
        Assert.Equal("Finish", run.PipelineName);
    }

    [Fact]
    public async Task Invoking_an_unknown_pipeline_is_resource_not_found_and_creates_no_run()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();

        await Expect.ErrorAsync(ErrorIds.ResourceNotFound, () => new PipelineRunService().InvokeAsync(factory, "NoSuchPipeline", [], wait: true, null, CancellationToken.None));

        Assert.Empty(await factory.QueryRunsAsync(new PipelineRunQuery(), default));
    }

    [Fact]
    public async Task Cancelling_while_waiting_cancels_the_run()
    {
        using var temp = new TempStore();
        var (factory, node) = await FactoryWithNodeAsync(temp);
        await AdfJson.PutFinishAsync(factory);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executor = new TestExecutor(async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return new PipelineRunResult(PipelineRunStatus.Succeeded, "never");
        });
        await using var host = new LocalRunHost(temp.Store, node, executor);
        var completed = new CompletedRuns(host);
        using var cts = new CancellationTokenSource();

        var invoke = new PipelineRunService { PollInterval = TimeSpan.FromMilliseconds(10) }.InvokeAsync(factory, "Finish", [], wait: true, null, cts.Token);
        var runId = Assert.Single(await factory.QueryRunsAsync(new PipelineRunQuery(), default)).RunId;
        Assert.Equal([runId], await host.PollOnceAsync());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(invoke.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoke);
        Assert.Contains((await factory.GetRunAsync(runId, default)).Status, new[] { PipelineRunStatus.Canceling, PipelineRunStatus.Cancelled });

        // The node sees the request on its next poll and stops the run.
        await host.PollOnceAsync();
        var run = await completed.WaitAsync(runId);
        Assert.Equal(PipelineRunStatus.Cancelled, run.Status);
    }

    [Theory]
    [InlineData(PipelineRunStatus.Failed, ErrorIds.PipelineRunFailed, ErrorIds.PipelineRunFailed)]
    [InlineData(PipelineRunStatus.Failed, ErrorIds.IntegrationRuntimeOffline, ErrorIds.IntegrationRuntimeOffline)]
    [InlineData(PipelineRunStatus.Failed, null, ErrorIds.PipelineRunFailed)]
    [InlineData(PipelineRunStatus.Cancelled, null, ErrorIds.PipelineRunFailed)]
    public void ErrorOf_maps_an_ended_run_to_its_error(PipelineRunStatus status, string? errorCode, string expected)
    {
        var run = new PipelineRunInfo { RunId = "run-1", Factory = "f", PipelineName = "CmReplication", Status = status, ErrorCode = errorCode, Message = "boom" };

        var error = PipelineRunService.ErrorOf(run);

        Assert.NotNull(error);
        Assert.Equal(expected, error.ErrorId);
        Assert.Contains("run-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PipelineRunStatus.Succeeded)]
    [InlineData(PipelineRunStatus.Queued)]
    [InlineData(PipelineRunStatus.InProgress)]
    [InlineData(PipelineRunStatus.Canceling)]
    public void ErrorOf_is_null_for_a_run_that_did_not_fail(PipelineRunStatus status) =>
        Assert.Null(PipelineRunService.ErrorOf(new PipelineRunInfo { RunId = "run-1", Factory = "f", PipelineName = "p", Status = status }));

    private static async Task<Dictionary<string, JsonObject>> DefinitionsAsync(IDataFactory factory)
    {
        var result = new Dictionary<string, JsonObject>();
        foreach (var kind in new[] { FactoryResourceKind.LinkedService, FactoryResourceKind.Dataset, FactoryResourceKind.Pipeline })
        {
            foreach (var name in await factory.ListResourcesAsync(kind, default))
            {
                result[$"{kind}/{name}"] = (await factory.GetResourceAsync(kind, name, default))!;
            }
        }

        return result;
    }

    private static async Task<(LocalDataFactory Factory, NodeRegistration Node)> FactoryWithNodeAsync(TempStore temp)
    {
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync(Runtime, null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync(Runtime, default);
        var node = await new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(keys.AuthKey1, "node-1");
        return (factory, node);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the pool).</summary>
    private sealed class SyncProgress(Action<CloudMigration.Engine.Operations.OperationProgress> report) : IProgress<CloudMigration.Engine.Operations.OperationProgress>
    {
        public void Report(CloudMigration.Engine.Operations.OperationProgress value) => report(value);
    }
}
