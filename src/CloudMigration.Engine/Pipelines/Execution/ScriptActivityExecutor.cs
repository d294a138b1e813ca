using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// Script: runs each script block in order on one connection of the linked service, as the database's own SQL
/// (T-SQL on SQL Server, SQLite's SQL on SQLite). Query blocks return their result sets; NonQuery blocks count the
/// rows they affect. Output as ADF's: resultSetCount, recordsAffected, resultSets [{rowCount, rows}],
/// outputParameters, outputTruncated (rows past 5,000 or 4 MB are dropped from the output, as ADF does).
/// </summary>
internal sealed class ScriptActivityExecutor : IActivityExecutor
{
    public JsonObject PrepareInput(ActivityInvocation invocation) =>
        invocation.Resolve(invocation.Activity.TypeProperties) as JsonObject ?? [];

    public async Task<JsonNode?> ExecuteAsync(ActivityInvocation invocation, JsonObject input, CancellationToken cancellationToken)
    {
        var linkedService = ResourceResolver.LinkedService(invocation.Run, invocation.Resolve(invocation.Activity.Json["linkedServiceName"]));
        var endpoint = linkedService.Endpoint;
        await using var connection = await SqlProviders.For(endpoint).OpenAsync(endpoint, write: true, cancellationToken).ConfigureAwait(false);
        var resultSets = new JsonArray();
        long recordsAffected = 0;
        long rowsKept = 0;
        long bytes = 0;
        var truncated = false;
        foreach (var block in (input["scripts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = ExpressionValues.ToText(block["text"]);
            command.CommandTimeout = 0;
            AddParameters(command, block["parameters"] as JsonArray);
            if (string.Equals(AdfJson.GetString(block, "type"), "NonQuery", StringComparison.Ordinal))
            {
                recordsAffected += Math.Max(0, await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false));
                continue;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                if (reader.FieldCount == 0)
                {
                    continue;
                }

                var rows = new JsonArray();
                var count = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    count++;
                    var row = RowValues.ReadRow(reader);
                    var size = AdfJson.Utf8Length(row);
                    if (rowsKept >= PipelineLimits.LookupMaxRows || bytes + size > PipelineLimits.LookupMaxBytes)
                    {
                        truncated = true;
                        continue;
                    }

                    rowsKept++;
                    bytes += size;
                    rows.Add(row);
                }

                resultSets.Add(new JsonObject { ["rowCount"] = count, ["rows"] = rows });
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

            recordsAffected += Math.Max(0, reader.RecordsAffected);
        }

        return new JsonObject
        {
            ["resultSetCount"] = resultSets.Count,
            ["recordsAffected"] = recordsAffected,
            ["resultSets"] = resultSets,
            ["outputParameters"] = new JsonObject(),
            ["outputLogs"] = string.Empty,
            ["outputLogsLocation"] = string.Empty,
            ["outputTruncated"] = truncated,
        };
    }

    private static void AddParameters(DbCommand command, JsonArray? parameters)
    {
        foreach (var parameter in (parameters ?? []).OfType<JsonObject>())
        {
            var name = ExpressionValues.ToText(parameter["name"]);
            var p = command.CreateParameter();
            p.ParameterName = name.StartsWith('@') ? name : "@" + name;
            p.Value = RowValues.ToParameter(parameter["value"]) ?? DBNull.Value;
            if (AdfJson.GetString(parameter, "type") is { } type && Enum.TryParse<DbType>(type == "Timespan" ? "Time" : type, ignoreCase: true, out var dbType))
            {
                p.DbType = dbType;
                if (p.Value is string text && dbType is not (DbType.String or DbType.Guid or DbType.DateTimeOffset or DbType.Time))
                {
                    try
                    {
                        p.Value = Convert.ChangeType(text, dbType switch
                    {
                        DbType.Boolean => typeof(bool),
                        DbType.DateTime => typeof(DateTime),
                        DbType.DateTimeOffset => typeof(DateTimeOffset),
                        DbType.Decimal => typeof(decimal),
                        DbType.Double => typeof(double),
                        DbType.Int16 => typeof(short),
                        DbType.Int32 => typeof(int),
                        DbType.Int64 => typeof(long),
                        DbType.Single => typeof(float),
                        _ => typeof(string),
                    }, CultureInfo.InvariantCulture);
                    }
                    catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
                    {
                        throw new ActivityFailure("InvalidParameterValue", $"The script parameter '{name}' is declared {type}, but its value '{text}' is not one.");
                    }
                }
            }

            command.Parameters.Add(p);
        }
    }
}
