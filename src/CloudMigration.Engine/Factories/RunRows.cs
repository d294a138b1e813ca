using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Factories;

/// <summary>Pipeline runs in the store: create, read, query, cancel.</summary>
internal static class RunRows
{
    private const string Columns = "run_id, factory, pipeline, status, parameters, queued, run_start, run_end, last_updated, message, error_code, runtime, node";

    public static void Insert(StoreConnection db, string runId, string factory, string pipeline, JsonObject parameters, IReadOnlyList<string> runtimes, DateTimeOffset now) =>
        db.Execute("""
            INSERT INTO pipeline_runs (run_id, factory, pipeline, status, parameters, runtimes, queued, last_updated, message)
            VALUES ($id, $f, $p, 'Queued', $params, $rt, $t, $t, '');
            """,
            ("$id", runId), ("$f", factory), ("$p", pipeline), ("$params", parameters.ToJsonString()),
            ("$rt", JsonSerializer.Serialize(runtimes)), ("$t", StoreTime.ToMs(now)));

    public static PipelineRunInfo? Get(StoreConnection db, string factory, string runId) =>
        db.Query($"SELECT {Columns} FROM pipeline_runs WHERE factory = $f AND run_id = $id;", Map, ("$f", factory), ("$id", runId)).FirstOrDefault();

    public static PipelineRunInfo Require(StoreConnection db, string factory, string runId) =>
        Get(db, factory, runId) ?? throw new CmException(ErrorIds.PipelineRunNotFound, CmErrorCategory.ObjectNotFound,
            $"The data factory '{factory}' has no pipeline run '{runId}'.", "Check the run id; query the factory's runs to find it.", runId);

    public static List<PipelineRunInfo> Query(StoreConnection db, string factory, PipelineRunQuery query)
    {
        var sql = $"SELECT {Columns} FROM pipeline_runs WHERE factory = $f";
        var parameters = new List<(string, object?)> { ("$f", factory) };
        if (query.PipelineName is { } pipeline)
        {
            sql += " AND pipeline = $p";
            parameters.Add(("$p", pipeline));
        }

        if (query.Statuses.Count > 0)
        {
            sql += " AND status IN (" + string.Join(", ", query.Statuses.Distinct().Select(s => $"'{s}'")) + ")";
        }

        if (query.UpdatedAfter is { } after)
        {
            sql += " AND last_updated > $after";
            parameters.Add(("$after", StoreTime.ToMs(after)));
        }

        var runs = db.Query(sql + " ORDER BY queued, rowid;", Map, [.. parameters]);
        return query.Parameter is { } wanted ? runs.Where(r => HasParameter(r.Parameters, wanted.Name, wanted.Value)).ToList() : runs;
    }

    /// <summary>Queued becomes Cancelled at once; InProgress becomes Canceling (its node cancels it); an ended run stays as it is.</summary>
    public static void Cancel(StoreConnection db, string factory, string runId, DateTimeOffset now)
    {
        var run = Require(db, factory, runId);
        var at = StoreTime.ToMs(now);
        if (run.Status == PipelineRunStatus.Queued)
        {
            db.Execute("UPDATE pipeline_runs SET status = 'Cancelled', run_end = $t, last_updated = $t, message = $m WHERE run_id = $id AND status = 'Queued';",
                ("$id", runId), ("$t", at), ("$m", "Cancelled before it started."));
        }
        else if (run.Status == PipelineRunStatus.InProgress)
        {
            db.Execute("UPDATE pipeline_runs SET status = 'Canceling', last_updated = $t, message = $m WHERE run_id = $id AND status = 'InProgress';",
                ("$id", runId), ("$t", at), ("$m", "Cancellation requested."));
        }
    }

    /// <summary>The integration runtimes a run needs (stored when it was created).</summary>
    public static List<string> RuntimesOf(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    internal static PipelineRunInfo Map(SqliteDataReader r) => new()
    {
        RunId = r.GetString(0),
        Factory = r.GetString(1),
        PipelineName = r.GetString(2),
        Status = Enum.Parse<PipelineRunStatus>(r.GetString(3)),
        Parameters = JsonNode.Parse(r.GetString(4)) as JsonObject ?? [],
        Queued = StoreTime.FromMs(r.GetInt64(5)),
        RunStart = StoreTime.FromMs(r, 6),
        RunEnd = StoreTime.FromMs(r, 7),
        LastUpdated = StoreTime.FromMs(r.GetInt64(8)),
        Message = r.GetString(9),
        ErrorCode = StoreTime.StringOrNull(r, 10),
        IntegrationRuntime = StoreTime.StringOrNull(r, 11),
        Node = StoreTime.StringOrNull(r, 12),
    };

    private static bool HasParameter(JsonObject parameters, string name, string value)
    {
        foreach (var (key, node) in parameters)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";
                return string.Equals(text, value, StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <summary>A duration for messages: "10 minutes", "90 seconds".</summary>
    internal static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 && span.Milliseconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} seconds");
}
