using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// Reads and writes <see cref="SyncState"/> rows in the destination, on the caller's connection and transaction, so the
/// version moves in the same transaction as the rows it covers (<see cref="DeltaApplier"/>). A full copy that is not one
/// transaction with its rows (a Copy activity) follows the protocol: read the source's current version, then
/// ClearAsync (committed), copy, and only after the copy committed SetAsync with that version.
/// A failure anywhere leaves the version null or old-and-true, never ahead of the rows.
/// </summary>
public static class SyncStateStore
{
    /// <summary>Creates the sync state table when missing (DDL: run it outside the apply transaction).</summary>
    public static async Task EnsureAsync(DbConnection connection, ISqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        await using var command = connection.CreateCommand();
        command.CommandText = dialect.Script(ReplicationScripts.CreateSyncState);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored row of the key's destination table; a row that describes another source counts as not synced (null version).</summary>
    public static async Task<SyncState?> GetAsync(DbConnection connection, DbTransaction? transaction, ISqlDialect dialect, SyncState key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(key);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectSql(dialect);
        command.AddParameter("@destination", key.DestinationTable);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var stored = new SyncState
        {
            DestinationTable = reader.GetString(0),
            Company = reader.GetString(1),
            SourceDatabase = reader.GetString(2),
            SourceTable = reader.GetString(3),
            LastSyncedVersion = reader.IsDBNull(4) ? null : Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
            LastMethod = reader.IsDBNull(5) ? null : reader.GetString(5),
            SyncedAt = reader.IsDBNull(6) ? null : ReadTime(reader.GetValue(6)),
        };
        return stored.SameSourceAs(key) ? stored : stored with { LastSyncedVersion = null };
    }

    /// <summary>Writes the row (inserted when missing) with its version, method and time.</summary>
    public static async Task SetAsync(DbConnection connection, DbTransaction? transaction, ISqlDialect dialect, SyncState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(state);
        var parameters = new (string, object?)[]
        {
            ("@destination", state.DestinationTable), ("@company", state.Company), ("@database", state.SourceDatabase), ("@source", state.SourceTable),
            ("@version", state.LastSyncedVersion), ("@method", state.LastMethod), ("@at", Time(dialect, state.SyncedAt)),
        };
        if (await ExecuteAsync(connection, transaction, UpdateSql(dialect), parameters, cancellationToken).ConfigureAwait(false) == 0)
        {
            await ExecuteAsync(connection, transaction, InsertSql(dialect), parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves the version from <paramref name="fromVersion"/> to the state's version, only if it still is
    /// <paramref name="fromVersion"/> (a compare-and-set: the UPDATE's lock holds off a concurrent apply until commit,
    /// and one that committed first leaves no row to update). Returns whether it moved.
    /// </summary>
    public static async Task<bool> AdvanceAsync(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, SyncState state, long fromVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(state);
        return await ExecuteAsync(connection, transaction, AdvanceSql(dialect),
        [
            ("@destination", state.DestinationTable), ("@from", fromVersion), ("@version", state.LastSyncedVersion), ("@method", state.LastMethod),
            ("@at", Time(dialect, state.SyncedAt)),
        ], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks the table not synced (before a full copy that is not one transaction with the version).</summary>
    public static Task ClearAsync(DbConnection connection, DbTransaction? transaction, ISqlDialect dialect, SyncState key, CancellationToken cancellationToken) =>
        SetAsync(connection, transaction, dialect, key with { LastSyncedVersion = null, LastMethod = null, SyncedAt = null }, cancellationToken);

    /// <summary>Opens the destination, creates the table when missing and reads the key's row.</summary>
    public static async Task<SyncState?> GetAsync(CmEndpoint destination, SyncState key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var provider = SqlProviders.For(destination);
        await using var connection = await provider.OpenAsync(destination, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureAsync(connection, provider.Dialect, cancellationToken).ConfigureAwait(false);
            return await GetAsync(connection, null, provider.Dialect, key, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    /// <summary>Opens the destination, creates the table when missing and writes the row in a transaction of its own.</summary>
    public static async Task SetAsync(CmEndpoint destination, SyncState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var provider = SqlProviders.For(destination);
        await using var connection = await provider.OpenAsync(destination, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureAsync(connection, provider.Dialect, cancellationToken).ConfigureAwait(false);
            await using var transaction = await ReplicationDialects.For(provider.Dialect).BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await SetAsync(connection, transaction, provider.Dialect, state, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    internal static string SelectSql(ISqlDialect dialect) =>
        "SELECT DestinationTable, Company, SourceDatabase, SourceTable, LastSyncedVersion, LastMethod, SyncedAt FROM " + Table(dialect) + " WHERE DestinationTable = @destination;";

    internal static string UpdateSql(ISqlDialect dialect) =>
        "UPDATE " + Table(dialect) + " SET Company = @company, SourceDatabase = @database, SourceTable = @source, LastSyncedVersion = @version, LastMethod = @method, SyncedAt = @at " +
        "WHERE DestinationTable = @destination;";

    internal static string AdvanceSql(ISqlDialect dialect) =>
        "UPDATE " + Table(dialect) + " SET LastSyncedVersion = @version, LastMethod = @method, SyncedAt = @at WHERE DestinationTable = @destination AND LastSyncedVersion = @from;";

    internal static string InsertSql(ISqlDialect dialect) =>
        "INSERT INTO " + Table(dialect) + " (DestinationTable, Company, SourceDatabase, SourceTable, LastSyncedVersion, LastMethod, SyncedAt) " +
        "VALUES (@destination, @company, @database, @source, @version, @method, @at);";

    private static string Table(ISqlDialect dialect) => ReplicationDialects.For(dialect).SyncStateTable;

    private static object? Time(ISqlDialect dialect, DateTimeOffset? at) =>
        at is not { } time ? null : dialect is SqliteDialect ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) : time.UtcDateTime;

    private static DateTimeOffset ReadTime(object value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new FormatException($"Unexpected SyncedAt value of type {value.GetType().Name}."),
    };

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
