namespace CloudMigration.Engine.Planning;

/// <summary>Whether a plan entry can be replicated as planned.</summary>
public enum PlanStatus
{
    Ready,

    /// <summary>Replication goes on without this table, or with a note (see Notes).</summary>
    Warning,

    /// <summary>The entry cannot be replicated until fixed (see Notes).</summary>
    Error,
}
