using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// What the runner reads from its factory: the stored resources, with linked service secrets in clear
/// (the runner needs them to connect; they never leave the engine).
/// </summary>
public interface IPipelineResources
{
    JsonObject? Get(FactoryResourceKind kind, string name);
}

/// <summary>Where the runner records activity runs as they start and end (the factory's store).</summary>
public interface IActivityRunRecorder
{
    Task RecordAsync(ActivityRunInfo run, CancellationToken cancellationToken);
}

/// <summary>How a pipeline run ended.</summary>
public sealed record PipelineRunResult(PipelineRunStatus Status, string Message);

/// <summary>Runs one pipeline run to its end; the local factory calls it on the node that claimed the run.</summary>
public interface IPipelineExecutor
{
    /// <param name="runId">The run's id (activity runs are recorded under it).</param>
    /// <param name="pipeline">The pipeline's ADF JSON ({"properties": {"activities": [...], "parameters": {...}}}).</param>
    /// <param name="parameters">The run's parameter values (a bare map, as createRun takes them).</param>
    /// <param name="resources">Linked services and datasets of the factory, secrets in clear.</param>
    /// <param name="recorder">Receives every activity run as it starts and ends.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled: the executor stops and reports Cancelled.</param>
    Task<PipelineRunResult> ExecuteAsync(string runId, JsonObject pipeline, JsonObject parameters, IPipelineResources resources,
        IActivityRunRecorder recorder, CancellationToken cancellationToken);
}
