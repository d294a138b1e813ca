using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>
/// SQLite sink: prepared INSERTs, one transaction per batch. Upsert: an UPDATE by the keys (null-safe, 'IS'), and an
/// INSERT when it changed no row, so no unique index on the keys is needed.
/// </summary>
internal sealed class SqliteSinkWriter : ISinkWriter
{
    private readonly DbConnection connection;
    private readonly string insertSql;
    private readonly string? updateSql;
    private readonly string? insertMissingSql;
    private readonly int[] updateOrder = [];
    private readonly int[] keyOrder = [];

    public SqliteSinkWriter(DbConnection connection, string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string>? keys)
    {
        this.connection = connection;
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var names = string.Join(", ", columns.Select(q));
        insertSql = $"INSERT INTO {quotedTable} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => P(i)))});";
        if (keys is not { Count: > 0 })
        {
            return;
        }

        keyOrder = keys.Select(k => IndexOf(columns, k)).ToArray();
        var where = string.Join(" AND ", keyOrder.Select(i => $"{q(columns[i])} IS {P(i)}"));
        updateOrder = Enumerable.Range(0, columns.Count).Where(i => !keyOrder.Contains(i)).ToArray();
        if (updateOrder.Length > 0)
        {
            updateSql = $"UPDATE {quotedTable} SET {string.Join(", ", updateOrder.Select(i => $"{q(columns[i])} = {P(i)}"))} WHERE {where};";
        }
        else
        {
            insertMissingSql = $"INSERT INTO {quotedTable} ({names}) SELECT {string.Join(", ", columns.Select((_, i) => P(i)))} WHERE NOT EXISTS (SELECT 1 FROM {quotedTable} WHERE {where});";
        }
    }

    public async Task<int> WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var width = rows[0].Length;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = Prepare(insertSql, transaction, width);
        await using var update = updateSql is null ? null : Prepare(updateSql, transaction, width);
        await using var insertMissing = insertMissingSql is null ? null : Prepare(insertMissingSql, transaction, width);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (update is not null)
            {
                Bind(update, row);
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                    continue;
                }
            }

            if (insertMissing is not null)
            {
                Bind(insertMissing, row);
                await insertMissing.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            Bind(insert, row);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string P(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> columns, string key)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ActivityFailure("UpsertKeyNotFound", $"The upsert key '{key}' is not among the copied columns ({string.Join(", ", columns)}).");
    }

    private DbCommand Prepare(string sql, DbTransaction transaction, int width)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 0; i < width; i++)
        {
            if (sql.Contains(P(i), StringComparison.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = P(i);
                command.Parameters.Add(parameter);
            }
        }

        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, object?[] row)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            var index = int.Parse(parameter.ParameterName.AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture);
            parameter.Value = row[index] ?? DBNull.Value;
        }
    }
}
