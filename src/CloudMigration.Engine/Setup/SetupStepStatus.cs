namespace CloudMigration.Engine.Setup;

/// <summary>The state of one setup step.</summary>
public enum SetupStepStatus
{
    NotStarted,
    InProgress,
    Completed,

    /// <summary>Not needed for this setup (for example no integration runtime for a source reached without one).</summary>
    Skipped,

    /// <summary>Waiting for something outside the tool (a node to register with a new integration runtime).</summary>
    Waiting,
    Failed,
}
