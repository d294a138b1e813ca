namespace CloudMigration.Engine.Setup;

/// <summary>The state of a setup, as the control schema records it.</summary>
public enum SetupStatus
{
    /// <summary>Steps are running (or a run stopped without recording why; running Start-CmSetup again resumes).</summary>
    InProgress,

    /// <summary>A new integration runtime needs a node; register one with its key, then run Start-CmSetup again.</summary>
    WaitingForIntegrationRuntime,

    /// <summary>A step failed; the steps show which and why. Running Start-CmSetup again resumes at that step.</summary>
    Failed,

    /// <summary>Every step completed: the replication pipeline is idle until replication starts.</summary>
    Ready,
}
