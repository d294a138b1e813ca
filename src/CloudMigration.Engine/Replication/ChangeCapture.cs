using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// Turns change capture on for a source database and a list of tables, idempotently: the database script
/// (<see cref="ReplicationScripts.EnableChangeCapture"/>), then each table. On SQL Server that is ALTER TABLE .. ENABLE
/// CHANGE_TRACKING; on SQLite the table's triggers and its cm_ChangeTracking row. A SQLite table whose key columns or
/// trigger version changed gets new triggers, and its min valid version is raised to the current version: the log's older
/// entries describe other keys, so readers behind that copy the table in full.
/// </summary>
public static class ChangeCapture
{
    /// <summary>One tracked table: its name and key columns in key order.</summary>
    public sealed record TrackedTable(string Table, IReadOnlyList<string> KeyColumns);

    public static async Task EnableAsync(CmEndpoint sourceDatabase, IReadOnlyList<TrackedTable> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceDatabase);
        var provider = SqlProviders.For(sourceDatabase);
        await using var connection = await provider.OpenAsync(sourceDatabase, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnableAsync(connection, provider.Dialect, tables, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, sourceDatabase);
        }
    }

    public static async Task EnableAsync(DbConnection connection, ISqlDialect dialect, IReadOnlyList<TrackedTable> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var replication = ReplicationDialects.For(dialect);
        await ExecuteAsync(connection, null, dialect.Script(ReplicationScripts.EnableChangeCapture), cancellationToken).ConfigureAwait(false);
        if (replication is not SqliteChangeLog)
        {
            foreach (var table in tables)
            {
                foreach (var statement in replication.EnableTable(table.Table, table.KeyColumns))
                {
                    await ExecuteAsync(connection, null, statement, cancellationToken).ConfigureAwait(false);
                }
            }

            return;
        }

        await using var transaction = await replication.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var table in tables)
        {
            await EnableSqliteTableAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SQLite's retention cleanup (SQL Server cleans up by itself): deletes the log entries older than
    /// <paramref name="retention"/> and raises each tracked table's min valid version to the newest of its entries deleted,
    /// so a reader synced before them copies the table in full. Returns the entries deleted.
    /// </summary>
    public static async Task<long> CleanupAsync(CmEndpoint sourceDatabase, TimeSpan retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceDatabase);
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.Zero);
        var provider = SqlProviders.For(sourceDatabase);
        if (provider.Dialect is not SqliteDialect)
        {
            throw new ArgumentException("SQL Server cleans up change tracking itself (AUTO_CLEANUP); cleanup is for the SQLite change log.", nameof(sourceDatabase));
        }

        await using var connection = await provider.OpenAsync(sourceDatabase, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            var replication = ReplicationDialects.For(provider.Dialect);
            await using var transaction = await replication.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var cutoff = (now - retention).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var log = SqliteChangeLog.LogTable;
            var lastExpired = await ScalarAsync(connection, transaction, $"SELECT MAX(Version) FROM {log} WHERE ChangedAt < @cutoff;", ("@cutoff", cutoff), cancellationToken).ConfigureAwait(false);
            if (lastExpired is null)
            {
                return 0;
            }

            await ScalarAsync(connection, transaction,
                $"UPDATE {SqliteChangeLog.StateTable} SET MinValidVersion = max(MinValidVersion, COALESCE((SELECT MAX(l.Version) FROM {log} AS l " +
                $"WHERE l.TableName = {SqliteChangeLog.StateTable}.TableName AND l.Version <= @last), MinValidVersion));", ("@last", lastExpired), cancellationToken).ConfigureAwait(false);
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {log} WHERE Version <= @last;";
            delete.AddParameter("@last", lastExpired);
            var deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, sourceDatabase);
        }
    }

    private static async Task EnableSqliteTableAsync(DbConnection connection, DbTransaction transaction, TrackedTable table, CancellationToken cancellationToken)
    {
        var log = SqliteChangeLog.Instance;
        var keys = JsonSerializer.Serialize(table.KeyColumns);
        string? knownKeys = null;
        long? knownVersion = null;
        await using (var state = connection.CreateCommand())
        {
            state.Transaction = transaction;
            state.CommandText = $"SELECT KeyColumns, TriggerVersion FROM {SqliteChangeLog.StateTable} WHERE TableName = @table;";
            state.AddParameter("@table", table.Table);
            await using var reader = await state.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                knownKeys = reader.GetString(0);
                knownVersion = reader.GetInt64(1);
            }
        }

        var triggers = new List<string>();
        await using (var names = connection.CreateCommand())
        {
            names.Transaction = transaction;
            names.CommandText = SqliteChangeLog.TriggersOfTable;
            names.AddParameter("@table", table.Table);
            await using var reader = await names.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                triggers.Add(reader.GetString(0));
            }
        }

        var current = new[] { "ins", "upd", "del" }.Select(op => SqliteChangeLog.TriggerName(table.Table, op)).ToArray();
        // SQLite compares trigger and table names ignoring ASCII case, and so does this.
        var sameShape = string.Equals(knownKeys, keys, StringComparison.OrdinalIgnoreCase) && knownVersion == SqliteChangeLog.TriggerVersion;
        if (sameShape && current.All(t => triggers.Contains(t, StringComparer.OrdinalIgnoreCase)) && triggers.Count == current.Length)
        {
            return; // already as this engine would install it
        }

        foreach (var trigger in sameShape ? triggers.Except(current, StringComparer.OrdinalIgnoreCase) : triggers)
        {
            await ExecuteAsync(connection, transaction, "DROP TRIGGER IF EXISTS " + SqliteDialect.Instance.QuoteIdentifier(trigger) + ";", cancellationToken).ConfigureAwait(false);
        }

        foreach (var statement in log.EnableTable(table.Table, table.KeyColumns))
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
        }

        // New, or keys changed: changes before now are not (or not usably) in the log, so the min valid version is now.
        // Same keys, new trigger text: the log stays valid.
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText =
            $"INSERT INTO {SqliteChangeLog.StateTable} (TableName, KeyColumns, TriggerVersion, MinValidVersion) VALUES (@table, @keys, @version, {SqliteChangeLog.CurrentVersionExpression}) " +
            "ON CONFLICT (TableName) DO UPDATE SET TriggerVersion = excluded.TriggerVersion, " +
            "MinValidVersion = CASE WHEN lower(KeyColumns) = lower(excluded.KeyColumns) THEN MinValidVersion ELSE excluded.MinValidVersion END, KeyColumns = excluded.KeyColumns;";
        upsert.AddParameter("@table", table.Table);
        upsert.AddParameter("@keys", keys);
        upsert.AddParameter("@version", SqliteChangeLog.TriggerVersion);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, (string Name, object Value) parameter,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.AddParameter(parameter.Name, parameter.Value);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
