using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>createRun, pipelineruns/{id} (get, cancel, queryActivityruns) and queryPipelineRuns.</summary>
internal static class RunOperations
{
    public static IEnumerable<ArmOperation> All =>
    [
        new("POST", "pipelines/{}/createRun", "Pipelines_CreateRun", CreateRunAsync),
        new("GET", "pipelineruns/{}", "PipelineRuns_Get", GetAsync),
        new("POST", "pipelineruns/{}/cancel", "PipelineRuns_Cancel", CancelAsync),
        new("POST", "pipelineruns/{}/queryActivityruns", "ActivityRuns_QueryByPipelineRun", QueryActivitiesAsync),
        new("POST", "queryPipelineRuns", "PipelineRuns_QueryByFactory", QueryAsync),
    ];

    private static async Task<ArmResult> CreateRunAsync(ArmRequest request)
    {
        if (request.Body is not (null or JsonObject))
        {
            return ArmErrors.BadRequest("The body of createRun is a map of parameter values.");
        }

        var factory = await request.FactoryAsync();
        var runId = await factory.CreateRunAsync(request.Name, request.BodyObject, request.CancellationToken);
        return ArmResult.Ok(new JsonObject { ["runId"] = runId });
    }

    private static async Task<ArmResult> GetAsync(ArmRequest request)
    {
        var factory = await request.FactoryAsync();
        return ArmResult.Ok(ArmJson.Run(await factory.GetRunAsync(request.Name, request.CancellationToken)));
    }

    private static async Task<ArmResult> CancelAsync(ArmRequest request)
    {
        var factory = await request.FactoryAsync();
        await factory.CancelRunAsync(request.Name, request.CancellationToken);
        return new ArmResult(200);
    }

    private static async Task<ArmResult> QueryActivitiesAsync(ArmRequest request)
    {
        var (filter, error) = RunFilter.Parse(request.BodyObject);
        if (filter is null)
        {
            return ArmErrors.BadRequest(error!);
        }

        var factory = await request.FactoryAsync();
        var run = await factory.GetRunAsync(request.Name, request.CancellationToken);
        var activities = await factory.QueryActivityRunsAsync(request.Name, request.CancellationToken);
        return Paging.Query(request, filter, [.. activities.Select(a => ArmJson.Activity(run, a))]);
    }

    private static async Task<ArmResult> QueryAsync(ArmRequest request)
    {
        var (filter, error) = RunFilter.Parse(request.BodyObject);
        if (filter is null)
        {
            return ArmErrors.BadRequest(error!);
        }

        var factory = await request.FactoryAsync();
        var runs = await factory.QueryRunsAsync(new PipelineRunQuery { UpdatedAfter = filter.After.AddTicks(-1) }, request.CancellationToken);
        return Paging.Query(request, filter, [.. runs.Where(filter.Matches).Select(ArmJson.Run)]);
    }
}
