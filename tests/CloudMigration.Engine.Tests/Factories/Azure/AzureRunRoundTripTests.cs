using System.Text.Json.Nodes;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>Pipeline runs through the ADF REST API (emulated): create, get, query (paged, filtered), activity runs, cancel.</summary>
public sealed class AzureRunRoundTripTests
{
    [Fact]
    public async Task A_run_is_created_read_queried_by_pipeline_status_and_parameter_and_cancelled()
    {
        await using var emulated = await EmulatedFactory.StartAsync(emulatorOptions: new ArmEmulatorOptions { PageSize = 2 });
        var factory = emulated.Factory;
        await AdfJson.PutFinishAsync(factory);
        await factory.PutResourceAsync(FactoryResourceKind.Pipeline, "Other", AdfJson.ScriptPipeline("BcDestination"), default);
        var runIds = new List<string>();
        foreach (var requestId in new[] { "r-1", "r-2", "r-3" })
        {
            runIds.Add(await factory.CreateRunAsync("Finish", new JsonObject { ["RequestId"] = requestId, ["count"] = 3 }, default));
        }

        var other = await factory.CreateRunAsync("Other", [], default);

        var run = await factory.GetRunAsync(runIds[1], default);
        Assert.Equal((runIds[1], "Finish", PipelineRunStatus.Queued, EmulatedFactory.FactoryName), (run.RunId, run.PipelineName, run.Status, run.Factory));
        Assert.Equal("r-2", run.Parameters["RequestId"]!.GetValue<string>());
        Assert.Equal("3", run.Parameters["count"]!.GetValue<string>()); // ADF reports parameters as strings
        Assert.NotNull(run.LastUpdated);

        var all = await factory.QueryRunsAsync(new PipelineRunQuery(), default);
        var finish = await factory.QueryRunsAsync(new PipelineRunQuery { PipelineName = "Finish" }, default);
        var byRequest = await factory.QueryRunsAsync(new PipelineRunQuery { PipelineName = "Finish", Parameter = ("RequestId", "r-3") }, default);
        Assert.Equal([.. runIds, other], all.Select(r => r.RunId));
        Assert.Equal(runIds, finish.Select(r => r.RunId));
        Assert.Equal([runIds[2]], byRequest.Select(r => r.RunId));
        // Page size 2: two pages for each of the three queries (the parameter is filtered here, ADF has no such filter).
        Assert.Equal(6, emulated.Emulator.Requests.Count("PipelineRuns_QueryByFactory"));

        await factory.CancelRunAsync(runIds[0], default);
        Assert.Equal(PipelineRunStatus.Cancelled, (await factory.GetRunAsync(runIds[0], default)).Status);
        var queued = await factory.QueryRunsAsync(new PipelineRunQuery { Statuses = [PipelineRunStatus.Queued] }, default);
        Assert.Equal([runIds[1], runIds[2], other], queued.Select(r => r.RunId));
        Assert.Empty(await factory.QueryActivityRunsAsync(runIds[0], default));
    }

    [Fact]
    public async Task Unknown_runs_and_pipelines_are_not_found()
    {
        await using var emulated = await EmulatedFactory.StartAsync();

        await Expect.ErrorAsync(ErrorIds.PipelineRunNotFound, () => emulated.Factory.GetRunAsync(Guid.NewGuid().ToString(), default));
        await Expect.ErrorAsync(ErrorIds.PipelineRunNotFound, () => emulated.Factory.QueryActivityRunsAsync(Guid.NewGuid().ToString(), default));
        await Expect.ErrorAsync(ErrorIds.PipelineRunNotFound, () => emulated.Factory.CancelRunAsync(Guid.NewGuid().ToString(), default));
        var pipeline = await Expect.ErrorAsync(ErrorIds.ResourceNotFound, () => emulated.Factory.CreateRunAsync("NoSuchPipeline", [], default));

        Assert.Equal(CmErrorCategory.ObjectNotFound, pipeline.Category);
        Assert.Contains("NoSuchPipeline", pipeline.Message, StringComparison.Ordinal);
        Assert.Equal(1, emulated.Emulator.Requests.Count("Pipelines_CreateRun"));
    }
}
