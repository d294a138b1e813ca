using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>
/// Writes the control table in the destination: creates it when missing (the preparation pipeline's script), then
/// replaces its rows with the given ones in one transaction, so writing the same plan twice leaves one copy.
/// </summary>
public static class ControlTableWriter
{
    public static async Task<int> WriteAsync(CmEndpoint destination, IReadOnlyList<ControlRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        var provider = SqlProviders.For(destination);
        var dialect = provider.Dialect;
        await using var connection = await provider.OpenAsync(destination, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, dialect.Script(ControlTable.CreateScript), [], cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ReplaceRowsAsync(connection, transaction, dialect, rows, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return rows.Count;
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    /// <summary>Replaces the rows of the (existing) control table inside the caller's transaction.</summary>
    internal static async Task ReplaceRowsAsync(DbConnection connection, DbTransaction? transaction, ISqlDialect dialect, IReadOnlyList<ControlRow> rows, CancellationToken cancellationToken)
    {
        var table = ControlTable.QuotedName(dialect);
        await ExecuteAsync(connection, transaction, "DELETE FROM " + table + ";", [], cancellationToken).ConfigureAwait(false);
        var insert = "INSERT INTO " + table + " (TableId, Company, SourceDatabase, SourceTable, SourceQuery, DestinationTable, WriteBehavior, KeyColumns, PreCopyScript, Columns, FilteredByCompany) " +
                     "VALUES (@id, @company, @database, @source, @query, @destination, @write, @keys, @pre, @columns, @filtered);";
        foreach (var row in rows)
        {
            await ExecuteAsync(connection, transaction, insert,
            [
                ("@id", row.TableId), ("@company", row.Company), ("@database", row.SourceDatabase), ("@source", row.SourceTable),
                ("@query", row.SourceQuery), ("@destination", row.DestinationTable), ("@write", row.WriteBehavior), ("@keys", row.KeyColumns), ("@pre", row.PreCopyScript),
                ("@columns", row.Columns), ("@filtered", row.FilteredByCompany),
            ], cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
