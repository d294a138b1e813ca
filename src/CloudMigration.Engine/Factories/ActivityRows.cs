using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// Activity runs in the store. One row per (run, activity name, ForEach iteration): the runner records an activity
/// when it starts and again when it ends, and the second record updates the first.
/// </summary>
internal static class ActivityRows
{
    public static void Upsert(StoreConnection db, string runId, ActivityRunInfo activity)
    {
        if (db.Count("SELECT count(*) FROM pipeline_runs WHERE run_id = $id;", ("$id", runId)) == 0)
        {
            return; // the run was removed (its factory unregistered with -Force): nothing to record against
        }

        db.Execute("""
            INSERT INTO activity_runs (run_id, activity, iteration, activity_type, status, run_start, run_end, input, output, error_code, error_message)
            VALUES ($id, $a, $i, $type, $s, $start, $end, $in, $out, $code, $msg)
            ON CONFLICT (run_id, activity, iteration) DO UPDATE SET
                activity_type = excluded.activity_type, status = excluded.status,
                run_start = coalesce(excluded.run_start, run_start), run_end = coalesce(excluded.run_end, run_end),
                input = coalesce(excluded.input, input), output = coalesce(excluded.output, output),
                error_code = excluded.error_code, error_message = excluded.error_message;
            """,
            ("$id", runId), ("$a", activity.ActivityName), ("$i", activity.Iteration ?? -1), ("$type", activity.ActivityType),
            ("$s", activity.Status.ToString()),
            ("$start", activity.Start is { } start ? StoreTime.ToMs(start) : null),
            ("$end", activity.End is { } end ? StoreTime.ToMs(end) : null),
            ("$in", activity.Input?.ToJsonString()), ("$out", activity.Output?.ToJsonString()),
            ("$code", activity.ErrorCode), ("$msg", activity.ErrorMessage is null ? null : SecretRedactor.Redact(activity.ErrorMessage)));
    }

    public static List<ActivityRunInfo> List(StoreConnection db, string runId) =>
        db.Query("""
            SELECT run_id, activity, iteration, activity_type, status, run_start, run_end, input, output, error_code, error_message
            FROM activity_runs WHERE run_id = $id ORDER BY coalesce(run_start, 0), rowid;
            """,
            r => new ActivityRunInfo
            {
                RunId = r.GetString(0),
                ActivityName = r.GetString(1),
                Iteration = r.GetInt32(2) is var i && i >= 0 ? i : null,
                ActivityType = r.GetString(3),
                Status = Enum.Parse<ActivityRunStatus>(r.GetString(4)),
                Start = StoreTime.FromMs(r, 5),
                End = StoreTime.FromMs(r, 6),
                Input = StoreTime.StringOrNull(r, 7) is { } input ? JsonNode.Parse(input) : null,
                Output = StoreTime.StringOrNull(r, 8) is { } output ? JsonNode.Parse(output) : null,
                ErrorCode = StoreTime.StringOrNull(r, 9),
                ErrorMessage = StoreTime.StringOrNull(r, 10),
            },
            ("$id", runId));
}
