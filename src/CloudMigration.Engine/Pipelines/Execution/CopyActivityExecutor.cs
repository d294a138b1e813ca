using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Execution.Sinks;
using CloudMigration.Engine.Pipelines.Expressions;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// Copy: streams rows from the input dataset (its source query, procedure or table) into the output dataset's table,
/// batch by batch, so a table is never held in memory whole. Order: the sink's preCopyScript runs first, then the
/// source is read and written in batches of writeBatchSize (default <see cref="PipelineRunnerOptions.CopyBatchSize"/>),
/// each batch one transaction: prepared INSERTs on SQLite, SqlBulkCopy on SQL Server. writeBehavior Upsert updates
/// the rows whose keys (upsertSettings.keys, else the sink's primary key) exist and inserts the rest. A SQLite sink takes
/// each row into the batch's transaction as it is read (nothing buffered); a SQL Server sink gets the batch as a whole. tableOption
/// autoCreate creates a missing sink table from the source's columns. Output: rowsRead, rowsCopied, copyDuration
/// (seconds), writeBehavior. When source and sink are the same SQLite file, one connection reads and writes (two
/// would wait on each other's locks).
/// </summary>
internal sealed class CopyActivityExecutor : IActivityExecutor
{
    public JsonObject PrepareInput(ActivityInvocation invocation)
    {
        var input = invocation.Resolve(invocation.Activity.TypeProperties) as JsonObject ?? [];
        input["inputs"] = invocation.Resolve(invocation.Activity.Json["inputs"]);
        input["outputs"] = invocation.Resolve(invocation.Activity.Json["outputs"]);
        return input;
    }

    public async Task<JsonNode?> ExecuteAsync(ActivityInvocation invocation, JsonObject input, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var source = ResourceResolver.Dataset(invocation.Run, (input["inputs"] as JsonArray)?.FirstOrDefault());
        var sink = ResourceResolver.Dataset(invocation.Run, (input["outputs"] as JsonArray)?.FirstOrDefault());
        var sinkSettings = input["sink"] as JsonObject ?? [];
        var upsert = string.Equals(Text(sinkSettings["writeBehavior"]), "Upsert", StringComparison.OrdinalIgnoreCase);
        var batchSize = BatchSize(sinkSettings["writeBatchSize"], invocation.Run.Options.CopyBatchSize);

        await using var sinkConnection = await SqlProviders.For(sink.Endpoint).OpenAsync(sink.Endpoint, write: true, cancellationToken).ConfigureAwait(false);
        if (Text(sinkSettings["preCopyScript"]) is { Length: > 0 } preCopyScript)
        {
            await using var command = sinkConnection.CreateCommand();
            command.CommandText = preCopyScript;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var shared = SameSqliteFile(source.Endpoint, sink.Endpoint) ? sinkConnection : null;
        await using var read = await SourceRead.OpenAsync(invocation, source, input["source"] as JsonObject, shared, cancellationToken).ConfigureAwait(false);
        var reader = read.Reader;

        var table = await SinkTable.LoadAsync(sinkConnection, sink, cancellationToken).ConfigureAwait(false);
        if (!table.Exists)
        {
            if (!string.Equals(Text(sinkSettings["tableOption"]), "autoCreate", StringComparison.OrdinalIgnoreCase))
            {
                throw new ActivityFailure("SinkTableNotFound",
                    $"The sink table {sink.QuotedTable()} of the dataset '{sink.Name}' does not exist. Create it, or set the sink's tableOption to autoCreate.");
            }

            await SinkTable.CreateAsync(sinkConnection, sink, reader, cancellationToken).ConfigureAwait(false);
            table = await SinkTable.LoadAsync(sinkConnection, sink, cancellationToken).ConfigureAwait(false);
        }

        var map = ColumnMap.Build(reader, input["translator"] as JsonObject, table);
        var keys = upsert ? UpsertKeys(sinkSettings, table) : null;
        await using ISinkWriter writer = sink.Dialect is SqliteDialect
            ? new SqliteSinkWriter(sinkConnection, table.QuotedName, map.SinkColumns, keys, DeclaredLengths.For(sink.TableParts().Table, map.SinkColumns, table.Columns))
            : new SqlServerSinkWriter(sinkConnection, table.QuotedName, map.SinkColumns, keys);

        long rowsRead = 0;
        long rowsCopied = 0;
        var ordinals = map.SourceOrdinals.ToArray();
        if (writer is IRowSinkWriter rowWriter)
        {
            // Rows go into the open batch as they are read: one row array, reused; a transaction per batchSize rows.
            var row = new object?[ordinals.Length];
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ReadRow(reader, ordinals, row);
                rowWriter.WriteRow(row, cancellationToken);
                rowsRead++;
                if (rowWriter.Pending >= batchSize)
                {
                    rowsCopied += await rowWriter.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            rowsCopied += await rowWriter.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var batch = new List<object?[]>(Math.Min(batchSize, 100_000));
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[ordinals.Length];
                ReadRow(reader, ordinals, row);
                batch.Add(row);
                rowsRead++;
                if (batch.Count >= batchSize)
                {
                    rowsCopied += await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            rowsCopied += await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        return new JsonObject
        {
            ["rowsRead"] = rowsRead,
            ["rowsCopied"] = rowsCopied,
            ["copyDuration"] = (long)Math.Round(stopwatch.Elapsed.TotalSeconds),
            ["writeBehavior"] = upsert ? "Upsert" : "Insert",
        };
    }

    // GetValue once per column (DBNull for NULL): IsDBNull first would ask the provider for each column's type twice.
    private static void ReadRow(DbDataReader reader, int[] ordinals, object?[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var value = reader.GetValue(ordinals[i]);
            row[i] = value is DBNull ? null : value;
        }
    }

    private static IReadOnlyList<string> UpsertKeys(JsonObject sinkSettings, SinkTable table)
    {
        var node = (sinkSettings["upsertSettings"] as JsonObject)?["keys"];
        var keys = node switch
        {
            JsonArray array => array.Select(ExpressionValues.ToText).ToArray(),
            _ when ExpressionValues.IsString(node, out var text) && text.TrimStart().StartsWith('[') => ParseArray(text),
            _ when ExpressionValues.IsString(node, out var text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => [],
        };
        if (keys.Length == 0)
        {
            keys = [.. table.PrimaryKey];
        }

        return keys.Length > 0 ? keys
            : throw new ActivityFailure("UpsertKeysMissing", $"An upsert into {table.QuotedName} needs key columns: give upsertSettings.keys, or give the table a primary key.");
    }

    private static string[] ParseArray(string text)
    {
        try
        {
            return (JsonNode.Parse(text) as JsonArray ?? []).Select(ExpressionValues.ToText).ToArray();
        }
        catch (JsonException)
        {
            throw new ActivityFailure("BadRequest", $"The upsert keys '{text}' are not a JSON array of column names.");
        }
    }

    private static int BatchSize(JsonNode? node, int fallback) =>
        ExpressionValues.TryGetInteger(node, out var size) && size >= 1 ? (int)Math.Min(size, int.MaxValue)
        : ExpressionValues.IsString(node, out var text) && int.TryParse(text, out var parsed) && parsed >= 1 ? parsed
        : Math.Max(1, fallback);

    private static bool SameSqliteFile(CmEndpoint a, CmEndpoint b) =>
        a.Kind == EndpointKind.Sqlite && b.Kind == EndpointKind.Sqlite
        && string.Equals(Path.GetFullPath(a.FilePath!), Path.GetFullPath(b.FilePath!), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string? Text(JsonNode? node) => ExpressionValues.IsNull(node) ? null : ExpressionValues.ToText(node);
}
