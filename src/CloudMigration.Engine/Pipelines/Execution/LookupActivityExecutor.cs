using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// Lookup: reads the source (query, procedure or table) of a dataset. firstRowOnly (default true) gives
/// {"firstRow": {...}} ({} when there is no row); otherwise {"count": n, "value": [...]}. ADF's limits are enforced
/// with an error, not by truncating: more than 5,000 rows, or more than 4 MB of output, fails the activity (ADF keeps
/// the first 5,000 rows silently, which for a list of tables to migrate would drop tables without a word).
/// </summary>
internal sealed class LookupActivityExecutor : IActivityExecutor
{
    public JsonObject PrepareInput(ActivityInvocation invocation) =>
        invocation.Resolve(invocation.Activity.TypeProperties) as JsonObject ?? [];

    public async Task<JsonNode?> ExecuteAsync(ActivityInvocation invocation, JsonObject input, CancellationToken cancellationToken)
    {
        var dataset = ResourceResolver.Dataset(invocation.Run, input["dataset"]);
        var firstRowOnly = FirstRowOnly(input["firstRowOnly"]);
        await using var read = await SourceRead.OpenAsync(invocation, dataset, input["source"] as JsonObject, null, cancellationToken).ConfigureAwait(false);
        var reader = read.Reader;
        if (firstRowOnly)
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new JsonObject();
            }

            var row = RowValues.ReadRow(reader);
            CheckSize(AdfJson.Utf8Length(row));
            return new JsonObject { ["firstRow"] = row };
        }

        var rows = new JsonArray();
        long bytes = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (rows.Count == PipelineLimits.LookupMaxRows)
            {
                throw new ActivityFailure("LookupRowLimitExceeded",
                    string.Create(CultureInfo.InvariantCulture,
                        $"The Lookup returned more than {PipelineLimits.LookupMaxRows:N0} rows, the most Azure Data Factory's Lookup activity returns. Narrow the query or split the list into batches (ADF would keep the first {PipelineLimits.LookupMaxRows:N0} rows without an error)."));
            }

            var row = RowValues.ReadRow(reader);
            bytes += AdfJson.Utf8Length(row) + 1;
            CheckSize(bytes);
            rows.Add(row);
        }

        return new JsonObject { ["count"] = rows.Count, ["value"] = rows };
    }

    private static bool FirstRowOnly(JsonNode? node)
    {
        if (ExpressionValues.IsNull(node))
        {
            return true;
        }

        if (ExpressionValues.TryGetBoolean(node, out var flag))
        {
            return flag;
        }

        if (ExpressionValues.IsString(node, out var text) && bool.TryParse(text, out flag))
        {
            return flag;
        }

        throw new ActivityFailure("BadRequest", $"firstRowOnly must be true or false, not '{ExpressionValues.ToText(node)}'.");
    }

    private static void CheckSize(long bytes)
    {
        if (bytes > PipelineLimits.LookupMaxBytes)
        {
            throw new ActivityFailure("LookupSizeLimitExceeded",
                string.Create(CultureInfo.InvariantCulture,
                    $"The Lookup's output is larger than {PipelineLimits.LookupMaxBytes / (1024 * 1024)} MB, the most Azure Data Factory's Lookup activity returns. Select fewer or narrower columns, or fewer rows."));
        }
    }
}
