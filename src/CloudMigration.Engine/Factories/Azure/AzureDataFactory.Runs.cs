using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

public sealed partial class AzureDataFactory
{
    /// <summary>
    /// createRun with a bare map of parameter values. Retried by itself only on 429; when the answer is lost (timeout,
    /// broken connection, 5xx) and the parameters hold "RequestId", the run is looked for by that id before it is
    /// submitted again, so it is never created twice; without a request id a lost answer is an error
    /// (<c>AzureRunSubmissionUncertain</c>), never a second submission.
    /// </summary>
    public Task<string> CreateRunAsync(string pipelineName, JsonObject parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelineName);
        return submission.SubmitAsync(pipelineName, parameters ?? [], cancellationToken);
    }

    /// <summary>GET pipelineruns/{runId} (<c>PipelineRunNotFound</c> when unknown).</summary>
    public async Task<PipelineRunInfo> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var call = RunCall($"read the pipeline run '{runId}'", runId);
        return AdfRunJson.Run(Name, (await client.SendAsync(AdfRequest.Get(RunPath(runId)), call, cancellationToken).ConfigureAwait(false)).Json(call));
    }

    /// <summary>
    /// queryPipelineRuns over [UpdatedAfter or <see cref="AzureDataFactoryOptions.RunQueryWindow"/> ago, now + 1 day], filtered
    /// by pipeline and status on the service, by parameter here (ADF has no such filter); every page, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<PipelineRunInfo>> QueryRunsAsync(PipelineRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new JsonArray();
        if (query.PipelineName is { } pipeline)
        {
            filters.Add(AdfRunJson.Condition("PipelineName", "Equals", [pipeline]));
        }

        if (query.Statuses.Count > 0)
        {
            filters.Add(AdfRunJson.Condition("Status", "In", query.Statuses.Distinct().Select(s => s.ToString())));
        }

        var call = new AdfCall("query the pipeline runs");
        var runs = await QueryAllAsync("/queryPipelineRuns", query.UpdatedAfter ?? Now - client.Options.RunQueryWindow, filters, "RunStart", call, cancellationToken)
            .ConfigureAwait(false);
        var result = runs.Select(r => AdfRunJson.Run(Name, r));
        if (query.Parameter is { } wanted)
        {
            result = result.Where(r => r.Parameters.Any(p => string.Equals(p.Key, wanted.Name, StringComparison.OrdinalIgnoreCase)
                && string.Equals(AdfJsonValues.ParameterText(p.Value), wanted.Value, StringComparison.Ordinal)));
        }

        return result.ToList();
    }

    /// <summary>queryActivityruns of the run over the query window (<c>PipelineRunNotFound</c> when the run is unknown).</summary>
    public async Task<IReadOnlyList<ActivityRunInfo>> QueryActivityRunsAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var call = RunCall($"query the activity runs of the pipeline run '{runId}'", runId);
        var activities = await QueryAllAsync(RunPath(runId) + "/queryActivityruns", Now - client.Options.RunQueryWindow, null, "ActivityRunStart", call, cancellationToken)
            .ConfigureAwait(false);
        return activities.Select(AdfRunJson.Activity).ToList();
    }

    /// <summary>POST pipelineruns/{runId}/cancel (<c>PipelineRunNotFound</c> when unknown).</summary>
    public async Task CancelRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await client.SendAsync(AdfRequest.Post(RunPath(runId) + "/cancel"), RunCall($"cancel the pipeline run '{runId}'", runId), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Every page of a query action (RunFilterParameters in, <c>{"value", "continuationToken"}</c> out).</summary>
    private async Task<List<JsonObject>> QueryAllAsync(string path, DateTimeOffset after, JsonArray? filters, string orderBy, AdfCall call,
        CancellationToken cancellationToken)
    {
        var before = Now + TimeSpan.FromDays(1);
        var items = new List<JsonObject>();
        string? continuation = null;
        do
        {
            var body = AdfRunJson.Filter(after, before, (JsonArray?)filters?.DeepClone(), continuation, orderBy);
            var page = (await client.SendAsync(AdfRequest.Post(path, body), call, cancellationToken).ConfigureAwait(false)).Json(call);
            items.AddRange(AdfJsonValues.Items(page));
            continuation = AdfJsonValues.String(page, "continuationToken");
        }
        while (!string.IsNullOrEmpty(continuation));
        return items;
    }

    private static string RunPath(string runId) => "/pipelineruns/" + AdfRequest.Segment(runId);

    private static AdfCall RunCall(string what, string runId) => new(what, runId) { NotFoundId = ErrorIds.PipelineRunNotFound };
}
