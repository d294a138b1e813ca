using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// Who runs what, in the store: nodes claim Queued runs, finish them, learn of cancellations; and the sweep that
/// fails runs nobody can run (their integration runtime — or, for a run that needs none, the whole factory — has no
/// Online node past the queued-run timeout), whose host process is gone (<see cref="RunHostRows.DeadRuns"/>), or whose
/// node stopped responding.
/// </summary>
internal static class RunScheduling
{
    /// <summary>
    /// Claims up to <paramref name="max"/> Queued runs for a node, oldest first. A run needing no integration runtime
    /// goes to any node of the factory; a run needing some goes to a node of one of them, and only while every one of
    /// them has an Online node. Runs in one write transaction: no two nodes ever claim the same run. Each claimed run
    /// names the <paramref name="host"/> instance that claimed it.
    /// </summary>
    public static List<PipelineRunInfo> Claim(StoreConnection db, string factory, string runtime, string node, string host, int max, DateTimeOffset now)
    {
        var claimed = new List<PipelineRunInfo>();
        if (max <= 0)
        {
            return claimed;
        }

        var online = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var queued = db.Query("SELECT run_id, runtimes FROM pipeline_runs WHERE factory = $f AND status = 'Queued' ORDER BY queued, rowid;",
            r => (Id: r.GetString(0), Runtimes: RunRows.RuntimesOf(r.GetString(1))), ("$f", factory));
        foreach (var (id, runtimes) in queued)
        {
            var eligible = runtimes.Count == 0
                || (runtimes.Contains(runtime, StringComparer.OrdinalIgnoreCase)
                    && runtimes.All(ir => online.TryGetValue(ir, out var known) ? known : online[ir] = RuntimeRows.HasOnlineNode(db, factory, ir, now)));
            if (!eligible)
            {
                continue;
            }

            var changed = db.Execute("""
                UPDATE pipeline_runs SET status = 'InProgress', runtime = $r, node = $n, host = $h, run_start = $t, last_updated = $t, message = ''
                WHERE run_id = $id AND status = 'Queued';
                """, ("$id", id), ("$r", runtime), ("$n", node), ("$h", host), ("$t", StoreTime.ToMs(now)));
            if (changed == 1)
            {
                claimed.Add(RunRows.Require(db, factory, id));
                if (claimed.Count == max)
                {
                    break;
                }
            }
        }

        return claimed;
    }

    /// <summary>Records how a run ended, if it is still this node's and not ended yet.</summary>
    public static bool Finish(StoreConnection db, string runId, string runtime, string node, PipelineRunStatus status, string message, string? errorCode, DateTimeOffset now) =>
        db.Execute("""
            UPDATE pipeline_runs SET status = $s, run_end = $t, last_updated = $t, message = $m, error_code = $e
            WHERE run_id = $id AND runtime = $r AND node = $n AND status IN ('InProgress', 'Canceling');
            """,
            ("$id", runId), ("$r", runtime), ("$n", node), ("$s", status.ToString()), ("$m", message), ("$e", errorCode), ("$t", StoreTime.ToMs(now))) == 1;

    /// <summary>Of the runs a node executes, those it should stop: cancellation requested, or no longer InProgress (failed by the sweep, removed).</summary>
    public static List<string> ToStop(StoreConnection db, IReadOnlyCollection<string> runIds)
    {
        var stop = new List<string>();
        foreach (var id in runIds)
        {
            if (db.Scalar("SELECT status FROM pipeline_runs WHERE run_id = $id;", ("$id", id)) as string != nameof(PipelineRunStatus.InProgress))
            {
                stop.Add(id);
            }
        }

        return stop;
    }

    /// <summary>Whether <see cref="Sweep"/> has anything to look at (a cheap read, so readers write only when needed).</summary>
    public static bool NeedsSweep(StoreConnection db, string factory, DateTimeOffset now, TimeSpan queuedTimeout) =>
        db.Count($"SELECT EXISTS ({StaleQueued}) OR EXISTS ({LostRuns});",
            [.. StaleParameters(factory, now, queuedTimeout), ("$since", StoreTime.ToMs(now - NodeLiveness.Interval))]) != 0
        || RunHostRows.DeadRuns(db, factory, now).Count > 0;

    /// <summary>
    /// Fails runs that waited past the timeout for an integration runtime with no Online node, runs whose host process is
    /// gone, and runs whose node stopped responding (a Canceling one ends Cancelled).
    /// </summary>
    public static int Sweep(StoreConnection db, string factory, DateTimeOffset now, TimeSpan queuedTimeout)
    {
        var swept = 0;
        var at = StoreTime.ToMs(now);
        var stale = db.Query(StaleQueued + ";", r => (Id: r.GetString(0), Runtimes: RunRows.RuntimesOf(r.GetString(1))), StaleParameters(factory, now, queuedTimeout));
        foreach (var (id, runtimes) in stale)
        {
            string message;
            if (runtimes.Count == 0)
            {
                // A run that needs no IR goes to any node of the factory; it fails the same way when the factory has none Online.
                if (RuntimeRows.List(db, factory).Any(ir => RuntimeRows.HasOnlineNode(db, factory, ir.Name, now)))
                {
                    continue;
                }

                message = $"The run waited {RunRows.Describe(queuedTimeout)} for a node of the data factory '{factory}', which has none Online: "
                    + "register a node of one of its integration runtimes (Register-CmIntegrationRuntimeNode) in a process that stays up, then run the pipeline again.";
            }
            else
            {
                var offline = runtimes.FirstOrDefault(ir => !RuntimeRows.HasOnlineNode(db, factory, ir, now));
                if (offline is null)
                {
                    continue;
                }

                var exists = RuntimeRows.Find(db, factory, offline) is not null;
                message = $"The run waited {RunRows.Describe(queuedTimeout)} for the integration runtime '{offline}', which "
                    + (exists ? "has no Online node" : "does not exist")
                    + ": start the run host of one of its nodes (or register a node), then run the pipeline again.";
            }

            swept += db.Execute("""
                UPDATE pipeline_runs SET status = 'Failed', run_end = $t, last_updated = $t, message = $m, error_code = $e
                WHERE run_id = $id AND status = 'Queued';
                """, ("$id", id), ("$t", at), ("$m", message), ("$e", ErrorIds.IntegrationRuntimeOffline));
        }

        var ended = RunHostRows.DeadRuns(db, factory, now);
        ended.AddRange(db.Query(LostRuns + ";", r => (Id: r.GetString(0), Runtime: r.GetString(1), Node: r.GetString(2), Status: r.GetString(3)), LostParameters(factory, now))
            .Select(lost => new RunHostRows.DeadRun(lost.Id, lost.Status,
                $"The node '{lost.Node}' of the integration runtime '{lost.Runtime}' stopped responding while the run was in progress.",
                $"Cancelled: the node '{lost.Node}' of the integration runtime '{lost.Runtime}' stopped responding before it confirmed the cancellation.")));
        foreach (var run in ended)
        {
            var canceling = run.Status == nameof(PipelineRunStatus.Canceling);
            swept += db.Execute("""
                UPDATE pipeline_runs SET status = $s, run_end = $t, last_updated = $t, message = $m, error_code = $e
                WHERE run_id = $id AND status IN ('InProgress', 'Canceling');
                """, ("$id", run.RunId), ("$t", at), ("$m", canceling ? run.CancelledMessage : run.FailedMessage),
                ("$s", canceling ? nameof(PipelineRunStatus.Cancelled) : nameof(PipelineRunStatus.Failed)),
                ("$e", canceling ? null : ErrorIds.PipelineRunFailed));
        }

        return swept;
    }

    private const string StaleQueued =
        "SELECT run_id, runtimes FROM pipeline_runs WHERE factory = $f AND status = 'Queued' AND queued <= $cutoff";

    private const string LostRuns = """
        SELECT r.run_id, r.runtime, r.node, r.status FROM pipeline_runs r
        WHERE r.factory = $f AND r.status IN ('InProgress', 'Canceling') AND NOT EXISTS (
            SELECT 1 FROM ir_nodes n WHERE n.factory = r.factory AND n.runtime = r.runtime AND n.node = r.node AND n.last_contact >= $since)
        """;

    private static (string, object?)[] StaleParameters(string factory, DateTimeOffset now, TimeSpan timeout) =>
        [("$f", factory), ("$cutoff", StoreTime.ToMs(now - timeout))];

    private static (string, object?)[] LostParameters(string factory, DateTimeOffset now) =>
        [("$f", factory), ("$since", StoreTime.ToMs(now - NodeLiveness.Interval))];
}
