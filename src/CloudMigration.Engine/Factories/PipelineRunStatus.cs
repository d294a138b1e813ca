namespace CloudMigration.Engine.Factories;

/// <summary>ADF pipeline run states.</summary>
public enum PipelineRunStatus
{
    Queued,
    InProgress,
    Succeeded,
    Failed,
    Canceling,
    Cancelled,
}

/// <summary>ADF activity run states.</summary>
public enum ActivityRunStatus
{
    InProgress,
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
}
