using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>One pipeline run as the runner carries it: ids, resources, recorder, options and the run's expression context.</summary>
internal sealed class PipelineRun
{
    public PipelineRun(string runId, string? pipelineName, JsonObject parameters, IPipelineResources resources, IActivityRunRecorder recorder,
        PipelineRunnerOptions options, CancellationToken cancellationToken)
    {
        RunId = runId;
        PipelineName = pipelineName;
        Resources = resources;
        Recorder = recorder;
        Options = options;
        CancellationToken = cancellationToken;
        Context = ExpressionContext.ForRun(runId, pipelineName, parameters, options.Clock.GetUtcNow(), options.Clock);
    }

    public string RunId { get; }

    public string? PipelineName { get; }

    public IPipelineResources Resources { get; }

    public IActivityRunRecorder Recorder { get; }

    public PipelineRunnerOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>pipeline() and the clock; scopes add item() and activity().</summary>
    public ExpressionContext Context { get; }

    public DateTimeOffset Now => Options.Clock.GetUtcNow();

    /// <summary>Records an activity run with secrets removed. Records even after cancellation, so a cancelled run is visible as such.</summary>
    public Task RecordAsync(ActivityRunInfo run) => Recorder.RecordAsync(run, CancellationToken.None);
}
