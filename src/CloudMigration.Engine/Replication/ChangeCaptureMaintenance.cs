using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// What the engine does to change capture after setup, the same call on both dialects. SQL Server's change tracking
/// cleans up by itself (AUTO_CLEANUP, its retention) and setup never turns it on or off, so on a SQL Server source both
/// calls do nothing. The SQLite change log (<see cref="SqliteChangeLog"/>) is the engine's own: each replication run
/// first cleans it up after <see cref="Retention"/> (<see cref="CleanupAsync"/>), and Remove-CmSetup -Source drops it
/// from every application database of the source (<see cref="RemoveAsync"/>).
/// </summary>
public static class ChangeCaptureMaintenance
{
    /// <summary>How long the SQLite change log keeps an entry: 3 days, the retention setup asks SQL Server for.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    /// <summary>
    /// The retention cleanup a replication run starts with: in each of <paramref name="databases"/> (application databases
    /// of <paramref name="source"/>) that has the SQLite change log, deletes the entries older than <see cref="Retention"/>
    /// and advances the tables' min valid versions (<see cref="ChangeCapture.CleanupAsync"/>), so a table synced before
    /// them is copied in full. One DELETE per database; nothing on SQL Server. Returns the entries deleted.
    /// </summary>
    public static async Task<long> CleanupAsync(CmEndpoint source, IEnumerable<string> databases, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(databases);
        if (SqlProviders.For(source).Dialect is not SqliteDialect)
        {
            return 0;
        }

        long deleted = 0;
        foreach (var database in databases.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var endpoint = source.WithDatabase(database);
            if ((await ChangeLogOfAsync(endpoint, cancellationToken).ConfigureAwait(false)).Tables == 2)
            {
                deleted += await ChangeCapture.CleanupAsync(endpoint, Retention, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return deleted;
    }

    /// <summary>
    /// The application databases of <paramref name="source"/> (the SL system database; every company, active or not) that
    /// hold a SQLite change log or any of its triggers, with the number of tables it tracks. Reads only. Empty on SQL Server.
    /// </summary>
    public static async Task<IReadOnlyList<(string Database, int Tables)>> FindAsync(CmEndpoint source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var provider = SqlProviders.For(source);
        if (provider.Dialect is not SqliteDialect)
        {
            return [];
        }

        var companies = await new CompanyDiscoveryService().GetSourceCompaniesAsync(source, new CompanyQuery { IncludeInactive = true }, cancellationToken).ConfigureAwait(false);
        var found = new List<(string, int)>();
        foreach (var database in companies.Companies.Where(c => c.ApplicationDatabaseFound).Select(c => c.ApplicationDatabase)
                     .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var log = await ChangeLogOfAsync(source.WithDatabase(database), cancellationToken).ConfigureAwait(false);
            if (log.Tables > 0 || log.Triggers.Count > 0)
            {
                found.Add((database, log.Triggers.Select(t => t.Table).Distinct(StringComparer.OrdinalIgnoreCase).Count()));
            }
        }

        return found;
    }

    /// <summary>
    /// Remove-CmSetup -Source: drops the SQLite change log from one application database — the triggers of every table
    /// (any trigger version), cm_ChangeLog (its AUTOINCREMENT row in sqlite_sequence goes with it) and cm_ChangeTracking —
    /// in one transaction. The tables and their rows are not touched. Returns false when there was nothing to drop (so
    /// running it again does nothing); always false on SQL Server, whose change tracking setup neither turned on nor records.
    /// </summary>
    public static async Task<bool> RemoveAsync(CmEndpoint sourceDatabase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceDatabase);
        var provider = SqlProviders.For(sourceDatabase);
        if (provider.Dialect is not SqliteDialect)
        {
            return false;
        }

        await using var connection = await provider.OpenAsync(sourceDatabase, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await SqliteChangeLog.Instance.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var log = await ChangeLogOfAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (log.Tables == 0 && log.Triggers.Count == 0)
            {
                return false;
            }

            foreach (var statement in SqliteChangeLog.Drop(log.Triggers.Select(t => t.Trigger)))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, sourceDatabase);
        }
    }

    private static async Task<ChangeLogObjects> ChangeLogOfAsync(CmEndpoint database, CancellationToken cancellationToken)
    {
        var provider = SqlProviders.For(database);
        await using var connection = await provider.OpenAsync(database, write: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ChangeLogOfAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, database);
        }
    }

    private static async Task<ChangeLogObjects> ChangeLogOfAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var tables = 0;
        var triggers = new List<(string, string)>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteChangeLog.Objects;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.GetString(0) == "table")
            {
                tables++;
            }
            else
            {
                triggers.Add((reader.GetString(1), reader.GetString(2)));
            }
        }

        return new ChangeLogObjects(tables, triggers);
    }

    /// <summary>Tables: how many of cm_ChangeLog and cm_ChangeTracking exist (2 when the log is whole); Triggers: the log's triggers and their tables.</summary>
    private sealed record ChangeLogObjects(int Tables, IReadOnlyList<(string Trigger, string Table)> Triggers);
}
