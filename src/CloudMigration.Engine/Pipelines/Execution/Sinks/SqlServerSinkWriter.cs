using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>
/// SQL Server sink: each batch goes in with SqlBulkCopy, in its own transaction. Upsert (as ADF does it): the batch is
/// bulk copied into an interim temp table, then one statement updates the rows whose keys exist and another inserts
/// the rest, in one transaction per batch.
/// </summary>
internal sealed class SqlServerSinkWriter : ISinkWriter
{
    private readonly SqlConnection connection;
    private readonly string quotedTable;
    private readonly IReadOnlyList<string> columns;
    private readonly IReadOnlyList<string>? keys;
    private bool interimCreated;

    public SqlServerSinkWriter(DbConnection connection, string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string>? keys)
    {
        this.connection = connection as SqlConnection ?? throw new ArgumentException("A SQL Server sink needs a SqlConnection.", nameof(connection));
        this.quotedTable = quotedTable;
        this.columns = columns;
        this.keys = keys is { Count: > 0 } ? keys : null;
        foreach (var key in this.keys ?? [])
        {
            if (!columns.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ActivityFailure("UpsertKeyNotFound", $"The upsert key '{key}' is not among the copied columns ({string.Join(", ", columns)}).");
            }
        }
    }

    public async Task<int> WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        using var table = ToDataTable(rows);
        if (keys is null)
        {
            using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.UseInternalTransaction | SqlBulkCopyOptions.CheckConstraints, null)
            {
                DestinationTableName = quotedTable,
                BatchSize = rows.Count,
                BulkCopyTimeout = 0,
            };
            Map(bulk);
            await bulk.WriteToServerAsync(table, cancellationToken).ConfigureAwait(false);
            return rows.Count;
        }

        if (!interimCreated)
        {
            await ExecuteAsync(SqlServerSinkSql.CreateInterim(quotedTable, columns), null, cancellationToken).ConfigureAwait(false);
            interimCreated = true;
        }

        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(SqlServerSinkSql.Truncate, transaction, cancellationToken).ConfigureAwait(false);
        using (var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction)
        {
            DestinationTableName = SqlServerSinkSql.InterimTable,
            BatchSize = rows.Count,
            BulkCopyTimeout = 0,
        })
        {
            Map(bulk);
            await bulk.WriteToServerAsync(table, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(SqlServerSinkSql.Merge(quotedTable, columns, keys), transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Map(SqlBulkCopy bulk)
    {
        foreach (var column in columns)
        {
            bulk.ColumnMappings.Add(column, column);
        }
    }

    private DataTable ToDataTable(IReadOnlyList<object?[]> rows)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            table.Columns.Add(column, typeof(object));
        }

        foreach (var row in rows)
        {
            table.Rows.Add(row.Select(v => v ?? DBNull.Value).ToArray());
        }

        return table;
    }

    private async Task ExecuteAsync(string sql, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
