namespace CloudMigration.Engine.Replication;

/// <summary>
/// The net changes of one table (of one company) since a synced version, as both change capture dialects report them:
/// the rows to write (their current values, in <see cref="ReplicatedTable.Columns"/> order) and the keys to delete (in
/// <see cref="ReplicatedTable.KeyColumns"/> order). A changed key whose row is gone, or no longer belongs to the company,
/// is a deleted key; a key inserted and deleted within the window is one too, which the destination may not have (deleting
/// it is harmless). When the changes cannot be known (never synced, capture off, retention lapsed), <see cref="RequiresFull"/>
/// says so and <see cref="FullReason"/> says why: the table must be copied in full.
/// </summary>
public sealed class ChangeSet
{
    public required ReplicatedTable Table { get; init; }

    /// <summary>The version the changes start after (the destination's last synced version); null when never synced.</summary>
    public required long? FromVersion { get; init; }

    /// <summary>
    /// The source's version when the changes were read: the synced version once they are applied. With a full verdict, the
    /// version a full copy that starts after this read may record once it committed. Null when capture is off.
    /// </summary>
    public required long? CurrentVersion { get; init; }

    public bool RequiresFull => FullReason is not null;

    public string? FullReason { get; init; }

    public IReadOnlyList<object?[]> Upserts { get; init; } = [];

    public IReadOnlyList<object?[]> DeletedKeys { get; init; } = [];

    /// <summary>Net operations as reported per key (SYS_CHANGE_OPERATION), for reports.</summary>
    public int Inserts { get; init; }

    public int Updates { get; init; }

    public int Deletes { get; init; }

    /// <summary>Rows the change query returned from the source: one per changed key of the window.</summary>
    public long RowsRead { get; init; }

    public static ChangeSet Full(ReplicatedTable table, long? fromVersion, long? currentVersion, string reason) =>
        new() { Table = table, FromVersion = fromVersion, CurrentVersion = currentVersion, FullReason = reason };

    public override string ToString() => RequiresFull
        ? $"{Table}: full copy ({FullReason})"
        : $"{Table}: {FromVersion} -> {CurrentVersion}, {Upserts.Count} upserts, {DeletedKeys.Count} deleted keys";
}
