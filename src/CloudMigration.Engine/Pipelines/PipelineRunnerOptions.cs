using CloudMigration.Engine.Pipelines.Procedures;

namespace CloudMigration.Engine.Pipelines;

/// <summary>How a <see cref="PipelineRunner"/> runs pipelines.</summary>
public sealed class PipelineRunnerOptions
{
    /// <summary>The C# procedures run where a linked service is SQLite. Default: <see cref="SqliteProcedureRegistry.CreateDefault"/>.</summary>
    public SqliteProcedureRegistry Procedures { get; init; } = SqliteProcedureRegistry.CreateDefault();

    /// <summary>The clock of utcnow(), pipeline().TriggerTime and activity run times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Rows a Copy reads before it writes them as one batch, when the sink names no writeBatchSize.</summary>
    public int CopyBatchSize { get; init; } = 10_000;
}
