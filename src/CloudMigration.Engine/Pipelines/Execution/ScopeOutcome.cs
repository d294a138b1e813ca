using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>How a container (the pipeline, or one ForEach iteration) ended, and why.</summary>
internal sealed record ScopeOutcome(PipelineRunStatus Status, string Message, ActivityResult? Failed);
