using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Replication.Runs;

/// <summary>Normal: each table as a delta when its changes are known, else in full. Full: every table in full.</summary>
public enum ReplicationRunType
{
    Normal,
    Full,
}

/// <summary>The state of a replication run, as cm_ReplicationRun / cm.ReplicationRun records it (Business Central's replication summary statuses).</summary>
public enum ReplicationRunStatus
{
    /// <summary>The run's pipeline is running (or was started and has not been looked at since it ended).</summary>
    InProgress,

    /// <summary>Every table was applied, but some with a warning (a table missing on the source): review them before the data upgrade.</summary>
    Completed,

    /// <summary>At least one table failed, or the pipeline failed before every table was applied.</summary>
    Failed,

    /// <summary>The run completed cleanly (every table Successful): Business Central's data upgrade is what comes next.</summary>
    UpgradePending,

    /// <summary>The run was stopped (Stop-CmReplicationRun, or Ctrl+C while Start-CmReplication waited).</summary>
    Cancelled,
}

/// <summary>How one table of a run is copied.</summary>
public enum ReplicationCopyType
{
    Full,
    Delta,
}

/// <summary>The state of one table of a run: NotStarted until its copy begins, InProgress while copied and applied, then Successful,
/// Warning (nothing to copy: the table is missing on the source, ErrorCode 50004) or Failed.</summary>
public enum ReplicationTableStatus
{
    NotStarted,
    InProgress,
    Successful,
    Warning,
    Failed,
}

/// <summary>What Start-CmReplication asks for.</summary>
public sealed class ReplicationRequest
{
    /// <summary>Copy every table in full, whatever its sync state.</summary>
    public bool Full { get; init; }

    /// <summary>Companies to copy (wildcards * and ?); empty: all of the setup's.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];

    /// <summary>Tables to copy, by source or destination name (wildcards * and ?); empty: all.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    /// <summary>Wait for the run to end (with progress); otherwise return once its pipeline run was created.</summary>
    public bool Wait { get; init; } = true;

    /// <summary>
    /// The source (the SL system database's server), where the engine reads each table's change version when the run
    /// starts. Null: the source the setup recorded, which works when it needs no credential (SQLite, Windows authentication).
    /// </summary>
    public CmEndpoint? Source { get; init; }
}

/// <summary>One replication run (Get-CmReplicationRun).</summary>
public sealed class ReplicationRun
{
    public required string RunId { get; init; }

    public required string RequestId { get; init; }

    /// <summary>The destination's display string (redacted).</summary>
    public required string Destination { get; init; }

    public required ReplicationRunType Type { get; init; }

    public required ReplicationRunStatus Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public TimeSpan? Duration => CompletedAt is { } end ? end - StartedAt : null;

    public int Tables { get; init; }

    public int TablesFailed { get; init; }

    public long RecordsCopied { get; init; }

    public string? PipelineRunId { get; init; }

    public string Message { get; init; } = string.Empty;

    public override string ToString() => RunId;
}

/// <summary>One table of a run (Get-CmReplicationTableResult).</summary>
public sealed class ReplicationTableResult
{
    public required string RunId { get; init; }

    public required int TableId { get; init; }

    public required string Company { get; init; }

    public required string SourceTable { get; init; }

    public required string DestinationTable { get; init; }

    public required ReplicationCopyType CopyType { get; init; }

    /// <summary>Why this copy type (a full copy's reason: never synced, -Full, untracked, retention lapsed).</summary>
    public string Reason { get; init; } = string.Empty;

    public required ReplicationTableStatus Status { get; init; }

    public long? RecordsCopied { get; init; }

    public long? TotalRecords { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>From the start of the table's copy to the end of its apply (null until both are known).</summary>
    public TimeSpan? Duration => CompletedAt is { } end && StartedAt is { } start ? end - start : null;

    public override string ToString() => $"{Company}/{SourceTable}";
}
