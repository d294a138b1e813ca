using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Builders;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// createRun without duplicates. ADF's createRun is not idempotent, so Azure.Core retries it only on 429 (refused
/// before anything was done). When the answer is lost — a timeout, a broken connection, a 408 or 5xx — the run may
/// exist: with a request id among the parameters (the pipelines' "RequestId"), the factory's runs of the pipeline are
/// searched for it, and only when none has it is the run submitted again (at most
/// <see cref="AzureDataFactoryOptions.CreateRunAttempts"/> times). Without a request id there is no way to tell, so
/// the failure is reported and nothing is submitted again.
/// </summary>
internal sealed class RunSubmission(AdfClient client, Func<PipelineRunQuery, CancellationToken, Task<IReadOnlyList<PipelineRunInfo>>> queryRuns)
{
    /// <summary>How far before the first submission a found run may have been last updated (clock skew).</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public async Task<string> SubmitAsync(string pipeline, JsonObject parameters, CancellationToken cancellationToken)
    {
        var requestId = RequestIdOf(parameters);
        var call = new AdfCall($"start a run of the pipeline '{pipeline}'", pipeline) { NotFoundId = ErrorIds.ResourceNotFound };
        var request = AdfRequest.Post($"/pipelines/{AdfRequest.Segment(pipeline)}/createRun", parameters.DeepClone())
            with { Classifier = AdfResponseClassifier.ThrottlingOnly };
        var since = client.Options.TimeProvider.GetUtcNow() - Skew;
        var attempts = Math.Max(1, client.Options.CreateRunAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var exchange = await client.ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
            if (exchange.IsSuccess)
            {
                return RunIdOf(exchange, call);
            }

            if (!exchange.IsAmbiguous)
            {
                throw client.Fail(exchange, call);
            }

            var failure = client.Fail(exchange, call);
            if (requestId is null)
            {
                throw Uncertain(pipeline, failure,
                    "No request id was passed (pipeline parameter 'RequestId'), so the run was not submitted again: it may or may not exist.",
                    "Look for the run (Get-CmPipelineRun) before starting the pipeline again; pass a RequestId parameter to let the client check by itself.");
            }

            client.Log.Write($"ADF createRun of '{pipeline}' may or may not have started a run (attempt {attempt} of {attempts}); looking for request id {requestId.Value.Value}.");
            await Task.Delay(client.Options.RunLookupDelay, cancellationToken).ConfigureAwait(false);
            if (await FindAsync(pipeline, requestId.Value, since, cancellationToken).ConfigureAwait(false) is { } found)
            {
                client.Log.Write($"ADF found run {found.RunId} of '{pipeline}' with request id {requestId.Value.Value}: not submitting again.");
                return found.RunId;
            }

            if (attempt >= attempts)
            {
                throw Uncertain(pipeline, failure,
                    $"It was submitted {attempts} times without a readable answer, and no run with the request id '{requestId.Value.Value}' was found.",
                    "Look for the run (Get-CmPipelineRun) in a while, before starting the pipeline again; check the network to Azure if it persists.");
            }

            client.Log.Write($"ADF no run of '{pipeline}' has request id {requestId.Value.Value}: submitting again.");
        }
    }

    /// <summary>The "RequestId" parameter (any case) when it has a non-empty value.</summary>
    internal static (string Name, string Value)? RequestIdOf(JsonObject parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (string.Equals(name, ReplicationPipelineBuilder.RequestIdParameter, StringComparison.OrdinalIgnoreCase)
                && value is not null && AdfJsonValues.ParameterText(value) is { Length: > 0 } text && text != "null")
            {
                return (name, text);
            }
        }

        return null;
    }

    private async Task<PipelineRunInfo?> FindAsync(string pipeline, (string Name, string Value) requestId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var runs = await queryRuns(new PipelineRunQuery { PipelineName = pipeline, UpdatedAfter = since, Parameter = requestId }, cancellationToken)
            .ConfigureAwait(false);
        return runs.FirstOrDefault();
    }

    private static string RunIdOf(AdfExchange exchange, AdfCall call) =>
        AdfJsonValues.String(exchange.Json(call), "runId") is { Length: > 0 } runId
            ? runId
            : throw AzureErrors.InvalidResponse(call, "the answer has no runId.");

    private static CmException Uncertain(string pipeline, CmException failure, string why, string action) =>
        new(ErrorIds.AzureRunSubmissionUncertain, failure.Category == CmErrorCategory.OperationTimeout ? CmErrorCategory.OperationTimeout : CmErrorCategory.ResourceUnavailable,
            $"Starting a run of the pipeline '{pipeline}' got no clear answer ({failure.Message}). {why}", action, pipeline, failure);
}
