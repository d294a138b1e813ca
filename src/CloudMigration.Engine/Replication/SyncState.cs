using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// Where one replicated table stands in the destination (one row of cm_SyncState / cm.SyncState per control-table row,
/// keyed by its destination table, which one source table feeds): the source version its rows are synced to (null: not
/// synced, the next run copies in full), how it got there, and when.
/// </summary>
public sealed record SyncState
{
    public required string DestinationTable { get; init; }

    public required string Company { get; init; }

    public required string SourceDatabase { get; init; }

    public required string SourceTable { get; init; }

    public long? LastSyncedVersion { get; init; }

    /// <summary>"Full" or "Delta": what last advanced the version.</summary>
    public string? LastMethod { get; init; }

    public DateTimeOffset? SyncedAt { get; init; }

    /// <summary>Whether this row describes the same source as <paramref name="other"/> (a replanned table starts over).</summary>
    public bool SameSourceAs(SyncState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(DestinationTable, other.DestinationTable, StringComparison.Ordinal)
               && string.Equals(Company, other.Company, StringComparison.Ordinal)
               && string.Equals(SourceDatabase, other.SourceDatabase, StringComparison.OrdinalIgnoreCase)
               && string.Equals(SourceTable, other.SourceTable, StringComparison.OrdinalIgnoreCase);
    }

    public static SyncState For(TablePlanEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new SyncState { DestinationTable = entry.DestinationTable, Company = entry.Company, SourceDatabase = entry.SourceDatabase, SourceTable = entry.SourceTable };
    }

    public static SyncState For(ControlRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new SyncState { DestinationTable = row.DestinationTable, Company = row.Company, SourceDatabase = row.SourceDatabase, SourceTable = row.SourceTable };
    }
}
