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
