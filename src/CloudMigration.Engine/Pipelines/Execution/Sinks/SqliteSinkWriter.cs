using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>
/// SQLite sink: prepared INSERTs, one transaction per batch, rows bound by position as they arrive; text longer than its
/// column's declared length fails the copy, as on SQL Server (<see cref="DeclaredLengths"/>). Upsert: an UPDATE by
/// the keys (null-safe, 'IS'), and an INSERT when it changed no row, so no unique index is needed. Statements run with
/// the synchronous API: Microsoft.Data.Sqlite's async methods run synchronously anyway, and a Task per row is measurable
/// in a copy of a million rows (docs/benchmarks.md).
/// </summary>
internal sealed class SqliteSinkWriter : IRowSinkWriter
{
    private readonly DbConnection connection;
    private readonly string insertSql;
    private readonly string? updateSql;
    private readonly string? insertMissingSql;
    private readonly int width;
    private readonly DeclaredLengths? lengths;
    private DbTransaction? transaction;
    private Statement? insert;
    private Statement? update;
    private Statement? insertMissing;

    public SqliteSinkWriter(DbConnection connection, string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string>? keys, DeclaredLengths? lengths = null)
    {
        this.connection = connection;
        this.lengths = lengths;
        width = columns.Count;
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var names = string.Join(", ", columns.Select(q));
        insertSql = $"INSERT INTO {quotedTable} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => P(i)))});";
        if (keys is not { Count: > 0 })
        {
            return;
        }

        var keyOrder = keys.Select(k => IndexOf(columns, k)).ToArray();
        var where = string.Join(" AND ", keyOrder.Select(i => $"{q(columns[i])} IS {P(i)}"));
        var updateOrder = Enumerable.Range(0, columns.Count).Where(i => !keyOrder.Contains(i)).ToArray();
        if (updateOrder.Length > 0)
        {
            updateSql = $"UPDATE {quotedTable} SET {string.Join(", ", updateOrder.Select(i => $"{q(columns[i])} = {P(i)}"))} WHERE {where};";
        }
        else
        {
            insertMissingSql = $"INSERT INTO {quotedTable} ({names}) SELECT {string.Join(", ", columns.Select((_, i) => P(i)))} WHERE NOT EXISTS (SELECT 1 FROM {quotedTable} WHERE {where});";
        }
    }

    public int Pending { get; private set; }

    public async Task<int> WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            WriteRow(row, cancellationToken);
        }

        return await CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void WriteRow(object?[] row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lengths?.Check(row);
        if (transaction is null)
        {
            transaction = connection.BeginTransaction();
            insert = new Statement(connection, transaction, insertSql, width);
            update = updateSql is null ? null : new Statement(connection, transaction, updateSql, width);
            insertMissing = insertMissingSql is null ? null : new Statement(connection, transaction, insertMissingSql, width);
        }

        Pending++;
        if (update is not null && update.Execute(row) > 0)
        {
            return;
        }

        (insertMissing ?? insert)!.Execute(row);
    }

    public async Task<int> CommitAsync(CancellationToken cancellationToken)
    {
        if (transaction is null)
        {
            return 0;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var rows = Pending;
        await EndBatchAsync().ConfigureAwait(false);
        return rows;
    }

    // An open batch at the end was not committed: disposing its transaction rolls it back.
    public ValueTask DisposeAsync() => EndBatchAsync();

    private async ValueTask EndBatchAsync()
    {
        insert?.Dispose();
        update?.Dispose();
        insertMissing?.Dispose();
        (insert, update, insertMissing) = (null, null, null);
        if (transaction is not null)
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
        }

        Pending = 0;
    }

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

    /// <summary>A prepared command and, for each of its parameters, the row position it takes its value from.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly DbCommand command;
        private readonly DbParameter[] parameters;
        private readonly int[] positions;

        public Statement(DbConnection connection, DbTransaction transaction, string sql, int width)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            var parameters = new List<DbParameter>();
            var positions = new List<int>();
            for (var i = 0; i < width; i++)
            {
                if (sql.Contains(P(i), StringComparison.Ordinal))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = P(i);
                    command.Parameters.Add(parameter);
                    parameters.Add(parameter);
                    positions.Add(i);
                }
            }

            this.parameters = [.. parameters];
            this.positions = [.. positions];
            command.Prepare();
        }

        public int Execute(object?[] row)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[positions[i]] ?? DBNull.Value;
            }

            return command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
