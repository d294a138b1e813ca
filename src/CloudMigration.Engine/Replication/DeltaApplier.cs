using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// Applies a <see cref="ChangeSet"/> to its destination table, SQLite or SQL Server alike, in ONE transaction: the sync
/// state advances to the changes' current version (compare-and-set from the version they were read from), the deleted
/// keys are deleted, and each upsert updates the row with its key or inserts it. Columns go through the plan entry's
/// mappings (source name to destination name), keys are the plan's key columns. The apply refuses changes read from
/// another version than the destination's (someone applied in between), and changes that require a full copy. Applying the same changes again after a failure gives the same rows: upserts and
/// deletes by key are idempotent.
/// </summary>
public sealed class DeltaApplier(DeltaApplierOptions? options = null)
{
    private readonly DeltaApplierOptions options = options ?? new DeltaApplierOptions();

    public async Task<DeltaApplyResult> ApplyAsync(CmEndpoint destination, TablePlanEntry entry, ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var provider = SqlProviders.For(destination);
        await using var connection = await provider.OpenAsync(destination, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyAsync(connection, provider.Dialect, entry, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    public async Task<DeltaApplyResult> ApplyAsync(DbConnection connection, ISqlDialect dialect, TablePlanEntry entry, ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.RequiresFull || changes.FromVersion is not { } from || changes.CurrentVersion is not { } to)
        {
            throw new CmException(ErrorIds.ReplicationRequiresFull, CmErrorCategory.InvalidOperation,
                $"{entry}: these changes cannot be applied; the table must be copied in full. {changes.FullReason}".TrimEnd(),
                "Copy the table in full (the replication's Full run), then apply deltas again.", entry.ToString());
        }

        var table = ReplicatedTable.From(entry);
        if (!string.Equals(table.Table, changes.Table.Table, StringComparison.OrdinalIgnoreCase) || !table.Columns.SequenceEqual(changes.Table.Columns, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The changes are of {changes.Table}, not of the plan entry's {table}.", nameof(changes));
        }

        var replication = ReplicationDialects.For(dialect);
        await SyncStateStore.EnsureAsync(connection, dialect, cancellationToken).ConfigureAwait(false);
        var required = await RequiredAsync(connection, replication, entry, options.Clock, cancellationToken).ConfigureAwait(false);

        await using var transaction = await replication.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var key = SyncState.For(entry);
        var state = await SyncStateStore.GetAsync(connection, transaction, dialect, key, cancellationToken).ConfigureAwait(false);
        if (state?.LastSyncedVersion != from)
        {
            throw Conflict(entry, from, state);
        }

        // The version moves first, as a compare-and-set: on SQL Server its lock keeps a concurrent apply of the same table
        // waiting until this one commits (then it finds the version moved); on SQLite the IMMEDIATE transaction already does.
        var advanced = key with { LastSyncedVersion = to, LastMethod = "Delta", SyncedAt = options.Clock.GetUtcNow() };
        if (!await SyncStateStore.AdvanceAsync(connection, transaction, dialect, advanced, from, cancellationToken).ConfigureAwait(false))
        {
            throw Conflict(entry, from, null);
        }

        var inserted = 0;
        var updated = 0;
        var deleted = 0;
        await using (var writer = new DestinationRowWriter(connection, transaction, dialect, entry, table, required))
        {
            foreach (var keyValues in changes.DeletedKeys)
            {
                deleted += await writer.DeleteAsync(keyValues, cancellationToken).ConfigureAwait(false);
            }

            foreach (var row in changes.Upserts)
            {
                if (await writer.UpsertAsync(row, cancellationToken).ConfigureAwait(false))
                {
                    inserted++;
                }
                else
                {
                    updated++;
                }
            }
        }

        if (options.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DeltaApplyResult(entry.DestinationTable, from, to, inserted, updated, deleted);
    }

    private static CmException Conflict(TablePlanEntry entry, long from, SyncState? state) => new(ErrorIds.SyncStateConflict, CmErrorCategory.InvalidOperation,
        $"{entry}: the changes were read from version {from}, but {entry.DestinationTable} is synced to " +
        (state is null ? "another version (another apply committed meanwhile)" : state.LastSyncedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing") + ".",
        "Read the changes again from the destination's synced version (another run applied changes meanwhile).", entry.ToString());

    /// <summary>The destination's NOT NULL columns without default that the plan does not map, each with its generated value.</summary>
    internal static async Task<IReadOnlyList<RequiredColumn>> RequiredAsync(DbConnection connection, IReplicationDialect replication, TablePlanEntry entry,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var columns = await connection.QueryAsync(replication.RequiredColumns, r => (Name: r.GetString(0), Type: r.IsDBNull(1) ? string.Empty : r.GetString(1)),
            cancellationToken, ("@table", replication.RequiredColumnsTableArgument(entry.DestinationTable))).ConfigureAwait(false);
        return columns
            .Where(c => !entry.Columns.Any(m => string.Equals(m.Destination, c.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(c => RequiredColumnValues.Column(c.Name, c.Type, replication.Sql, clock, entry.DestinationTable))
            .ToArray();
    }
}
