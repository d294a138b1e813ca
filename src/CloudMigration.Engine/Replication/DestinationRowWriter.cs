using System.Data.Common;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>Runs a delta apply's per-key statements (<see cref="DestinationStatements"/>): created once, re-executed with new values.</summary>
internal sealed class DestinationRowWriter : IAsyncDisposable
{
    private readonly DbCommand delete;
    private readonly DbCommand? update;
    private readonly DbCommand insert;
    private readonly int[] keyOrdinals;
    private readonly int[] updateOrdinals;
    private readonly int columnCount;
    private readonly IReadOnlyList<RequiredColumn> required;

    public DestinationRowWriter(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, TablePlanEntry entry, ReplicatedTable table,
        IReadOnlyList<RequiredColumn> required)
    {
        var statements = DestinationStatements.Build(dialect, entry, table, required.Select(r => r.Column).ToArray());
        keyOrdinals = statements.KeyOrdinals;
        updateOrdinals = statements.UpdateOrdinals;
        columnCount = entry.Columns.Count;
        this.required = required;
        delete = Command(connection, transaction, statements.Delete);
        update = statements.Update is { } updateStatement ? Command(connection, transaction, updateStatement) : null;
        insert = Command(connection, transaction, statements.Insert);
    }

    /// <summary>Deletes the row with these key values (in key order); returns the rows deleted (0 when the destination had none).</summary>
    public async Task<int> DeleteAsync(object?[] keyValues, CancellationToken cancellationToken)
    {
        for (var i = 0; i < keyValues.Length; i++)
        {
            delete.Parameters[i].Value = keyValues[i] ?? DBNull.Value;
        }

        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts a row without looking for its key first (a full copy, after the table was emptied).</summary>
    public async Task InsertAsync(object?[] row, CancellationToken cancellationToken)
    {
        if (update is null)
        {
            await UpsertAsync(row, cancellationToken).ConfigureAwait(false);
            return;
        }

        var n = 0;
        for (var i = 0; i < columnCount; i++)
        {
            insert.Parameters[n++].Value = row[i] ?? DBNull.Value;
        }

        foreach (var column in required)
        {
            insert.Parameters[n++].Value = column.Value();
        }

        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a row (values in the plan's column order); returns true when it was inserted, false when updated.</summary>
    public async Task<bool> UpsertAsync(object?[] row, CancellationToken cancellationToken)
    {
        if (update is not null)
        {
            var p = 0;
            foreach (var ordinal in updateOrdinals)
            {
                update.Parameters[p++].Value = row[ordinal] ?? DBNull.Value;
            }

            foreach (var ordinal in keyOrdinals)
            {
                update.Parameters[p++].Value = row[ordinal] ?? DBNull.Value;
            }

            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                return false;
            }
        }

        var n = 0;
        for (var i = 0; i < columnCount; i++)
        {
            insert.Parameters[n++].Value = row[i] ?? DBNull.Value;
        }

        foreach (var column in required)
        {
            insert.Parameters[n++].Value = column.Value();
        }

        if (update is null)
        {
            foreach (var ordinal in keyOrdinals)
            {
                insert.Parameters[n++].Value = row[ordinal] ?? DBNull.Value;
            }
        }

        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await delete.DisposeAsync().ConfigureAwait(false);
        if (update is not null)
        {
            await update.DisposeAsync().ConfigureAwait(false);
        }

        await insert.DisposeAsync().ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, (string Sql, IReadOnlyList<string> Parameters) statement)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement.Sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        foreach (var name in statement.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
