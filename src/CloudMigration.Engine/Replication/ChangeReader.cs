using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// Reads a table's net changes since a synced version from its source database, the same way on both dialects. Order of
/// reads: the current version first, then the changes, then the min valid version. A change committed after the version
/// was read may be read too and is read again by the next delta (applying is idempotent); one committed before is never
/// missed; and a cleanup that ran during the read shows in the min valid version read last. On SQLite all three come from
/// one read transaction anyway.
/// </summary>
public static class ChangeReader
{
    /// <summary>Opens the source database read-only and reads the changes (see <see cref="ReadAsync(DbConnection, Sql.ISqlDialect, ReplicatedTable, long?, CancellationToken)"/>).</summary>
    public static async Task<ChangeSet> ReadAsync(CmEndpoint sourceDatabase, ReplicatedTable table, long? lastSyncedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceDatabase);
        var provider = SqlProviders.For(sourceDatabase);
        await using var connection = await provider.OpenAsync(sourceDatabase, write: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAsync(connection, provider.Dialect, table, lastSyncedVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, sourceDatabase);
        }
    }

    /// <summary>
    /// The changes to <paramref name="table"/> after <paramref name="lastSyncedVersion"/>, or a full-copy verdict with its
    /// reason: never synced, change capture off or the table not tracked, the retention lapsed (the version is below the
    /// table's min valid version), or the version is ahead of the source (a restored or another database).
    /// </summary>
    public static async Task<ChangeSet> ReadAsync(DbConnection connection, Sql.ISqlDialect dialect, ReplicatedTable table, long? lastSyncedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var replication = ReplicationDialects.For(dialect);
        if (!await CaptureEnabledAsync(connection, replication, null, cancellationToken).ConfigureAwait(false))
        {
            return ChangeSet.Full(table, lastSyncedVersion, null,
                $"Change capture is not enabled on the source database '{connection.Database}'; every run copies {table.Table} in full.");
        }

        await using var transaction = await replication.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await ScalarAsync(connection, transaction, replication.CurrentVersion, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return ChangeSet.Full(table, lastSyncedVersion, null, $"Change tracking is off for '{connection.Database}'.");
        }

        var verdict = await FullReasonAsync(connection, transaction, replication, table, lastSyncedVersion, current.Value, cancellationToken).ConfigureAwait(false);
        if (verdict is not null)
        {
            return ChangeSet.Full(table, lastSyncedVersion, current, verdict);
        }

        var upserts = new List<object?[]>();
        var deleted = new List<object?[]>();
        int inserts = 0, updates = 0, deletes = 0;
        long rowsRead = 0;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = ChangeQueries.Read(replication, table, DeltaVersion.Default);
            command.CommandTimeout = 0;
            command.AddParameter(DeltaVersion.Default.Text, lastSyncedVersion!.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var keyCount = table.KeyColumns.Count;
            var firstColumn = ChangeQueries.FirstKeyOrdinal + keyCount;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rowsRead++;
                switch (ChangeOperations.Parse(reader.GetString(0)))
                {
                    case ChangeOperation.Insert: inserts++; break;
                    case ChangeOperation.Update: updates++; break;
                    default: deletes++; break;
                }

                if (Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture) == 1)
                {
                    upserts.Add(Values(reader, firstColumn, table.Columns.Count));
                }
                else
                {
                    deleted.Add(Values(reader, ChangeQueries.FirstKeyOrdinal, keyCount));
                }
            }
        }

        // A cleanup that ran while the changes were read (SQL Server; SQLite reads one snapshot) removed some of them.
        verdict = await FullReasonAsync(connection, transaction, replication, table, lastSyncedVersion, current.Value, cancellationToken).ConfigureAwait(false);
        if (verdict is not null)
        {
            return ChangeSet.Full(table, lastSyncedVersion, current, verdict);
        }

        return new ChangeSet
        {
            Table = table,
            FromVersion = lastSyncedVersion,
            CurrentVersion = current,
            Upserts = upserts,
            DeletedKeys = deleted,
            Inserts = inserts,
            Updates = updates,
            Deletes = deletes,
            RowsRead = rowsRead,
        };
    }

    /// <summary>The source database's current change version; null when change capture is off. A full copy reads it before it reads the rows.</summary>
    public static async Task<long?> CurrentVersionAsync(DbConnection connection, Sql.ISqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var replication = ReplicationDialects.For(dialect);
        return await CaptureEnabledAsync(connection, replication, null, cancellationToken).ConfigureAwait(false)
            ? await ScalarAsync(connection, null, replication.CurrentVersion, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <inheritdoc cref="CurrentVersionAsync(DbConnection, Sql.ISqlDialect, CancellationToken)"/>
    public static async Task<long?> CurrentVersionAsync(CmEndpoint sourceDatabase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceDatabase);
        var provider = SqlProviders.For(sourceDatabase);
        await using var connection = await provider.OpenAsync(sourceDatabase, write: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await CurrentVersionAsync(connection, provider.Dialect, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, sourceDatabase);
        }
    }

    private static async Task<string?> FullReasonAsync(DbConnection connection, DbTransaction? transaction, IReplicationDialect replication, ReplicatedTable table,
        long? last, long current, CancellationToken cancellationToken)
    {
        if (last is null)
        {
            return $"{table.Table} was never synced: the first run copies it in full.";
        }

        var minValid = await ScalarAsync(connection, transaction, replication.MinValidVersion(table.Table), cancellationToken).ConfigureAwait(false);
        if (minValid is null)
        {
            return $"Change tracking is off for {table.Table}.";
        }

        if (last < minValid)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The changes to {table.Table} since version {last} are no longer kept (retention lapsed; the oldest synced version still valid is {minValid}): it is copied in full again.");
        }

        if (last > current)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The synced version {last} of {table.Table} is ahead of the source's current version {current} (a restored or a different database): it is copied in full.");
        }

        return null;
    }

    private static async Task<bool> CaptureEnabledAsync(DbConnection connection, IReplicationDialect replication, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, transaction, replication.CaptureEnabled, cancellationToken).ConfigureAwait(false) == 1;

    private static async Task<long?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static object?[] Values(DbDataReader reader, int first, int count)
    {
        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.IsDBNull(first + i) ? null : reader.GetValue(first + i);
        }

        return values;
    }
}
