using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Factories;

/// <summary>Starts pipeline runs, waits for them with progress, and reads runs and activity runs.</summary>
public sealed class PipelineRunService
{
    private static readonly PipelineRunStatus[] Terminal = [PipelineRunStatus.Succeeded, PipelineRunStatus.Failed, PipelineRunStatus.Cancelled];

    /// <summary>Whether a run with this status has ended.</summary>
    public static bool IsTerminal(PipelineRunStatus status) => Terminal.Contains(status);

    /// <summary>How often a waiting caller looks at the run.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Creates a run; with <paramref name="wait"/>, reports progress until it ends. Cancelling the token while waiting
    /// cancels the run too (Ctrl+C stops the pipeline, not only the waiting).
    /// </summary>
    public async Task<PipelineRunInfo> InvokeAsync(IDataFactory factory, string pipeline, JsonObject parameters, bool wait,
        IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var runId = await factory.CreateRunAsync(pipeline, parameters, cancellationToken).ConfigureAwait(false);
        var run = await factory.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.PipelineRunStarted, ("wait", wait));
        if (!wait)
        {
            return run;
        }

        return await WaitAsync(factory, run, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for a run to end, reporting progress. Cancelling the token cancels the run too (Ctrl+C stops the pipeline,
    /// not only the waiting).
    /// </summary>
    public async Task<PipelineRunInfo> WaitAsync(IDataFactory factory, PipelineRunInfo run, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(run);
        var runId = run.RunId;
        var activity = $"Running pipeline '{run.PipelineName}' on '{factory.Name}' (run {runId})";
        try
        {
            while (!Terminal.Contains(run.Status))
            {
                var activities = await factory.QueryActivityRunsAsync(runId, cancellationToken).ConfigureAwait(false);
                var done = activities.Count(a => a.Status != ActivityRunStatus.InProgress);
                progress?.Report(new OperationProgress(activity, $"{run.Status}: {done} of {activities.Count} activity runs ended", -1));
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                run = await factory.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await factory.CancelRunAsync(runId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        progress?.Report(new OperationProgress(activity, run.Status.ToString(), 100, Completed: true));
        Telemetry.Telemetry.Emit(run.Status == PipelineRunStatus.Succeeded ? TelemetryEvents.PipelineRunCompleted : TelemetryEvents.PipelineRunFailed, ("status", run.Status), ("errorCode", run.ErrorCode), (TelemetryEvents.DurationMs, run.Duration));
        return run;
    }

    /// <summary>The error a failed or cancelled run stands for (non-terminating in the cmdlets: the run object still comes).</summary>
    public static CmException? ErrorOf(PipelineRunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Status is PipelineRunStatus.Failed or PipelineRunStatus.Cancelled
            ? new CmException(run.ErrorCode == ErrorIds.IntegrationRuntimeOffline ? ErrorIds.IntegrationRuntimeOffline : ErrorIds.PipelineRunFailed, CmErrorCategory.OperationStopped,
                $"The run {run.RunId} of pipeline '{run.PipelineName}' ended {run.Status}: {run.Message}",
                run.ErrorCode == ErrorIds.IntegrationRuntimeOffline
                    ? "Register a node for the integration runtime in a process that stays up (Register-CmIntegrationRuntimeNode), then run the pipeline again."
                    : $"Read the failed activity runs: Get-CmActivityRun -Factory {run.Factory} -RunId {run.RunId} | Where-Object Status -eq Failed.", run.RunId)
            : null;
    }
}
