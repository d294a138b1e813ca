namespace CloudMigration.Engine.Factories;

/// <summary>
/// The run host instances in the store (<c>run_hosts</c>): each <see cref="LocalRunHost"/> records its process and
/// heartbeats; the runs it claims name it (<c>pipeline_runs.host</c>), so the sweep finds the runs whose host is gone.
/// </summary>
internal static class RunHostRows
{
    // A host row nobody heartbeats any more and no running run names: removed after a day.
    private static readonly TimeSpan Forgotten = TimeSpan.FromDays(1);

    /// <summary>A running run whose host is gone, with why (for a Failed and for a Cancelled ending).</summary>
    internal sealed record DeadRun(string RunId, string Status, string FailedMessage, string CancelledMessage);

    /// <summary>Records the instance (first poll) or that it is alive now (later polls), and forgets hosts gone long ago.</summary>
    public static void Heartbeat(StoreConnection db, string instance, NodeRegistration node, RunHostProcess process, DateTimeOffset now)
    {
        var at = StoreTime.ToMs(now);
        db.Execute("""
            INSERT INTO run_hosts (instance, factory, runtime, node, machine, pid, process_start, process_ticks, started, last_contact)
            VALUES ($i, $f, $r, $n, $m, $p, $ps, $pt, $t, $t)
            ON CONFLICT (instance) DO UPDATE SET last_contact = excluded.last_contact;
            """,
            ("$i", instance), ("$f", node.Factory), ("$r", node.IntegrationRuntime), ("$n", node.NodeName), ("$m", process.MachineName),
            ("$p", process.ProcessId), ("$ps", StoreTime.ToMs(process.StartTime)), ("$pt", process.StartTicks), ("$t", at));
        db.Execute("""
            DELETE FROM run_hosts WHERE last_contact < $old AND NOT EXISTS (
                SELECT 1 FROM pipeline_runs r WHERE r.host = run_hosts.instance AND r.status IN ('InProgress', 'Canceling'));
            """, ("$old", StoreTime.ToMs(now - Forgotten)));
    }

    /// <summary>Forgets an instance that stopped (its runs were recorded as they ended).</summary>
    public static void Remove(StoreConnection db, string instance) =>
        db.Execute("DELETE FROM run_hosts WHERE instance = $i;", ("$i", instance));

    /// <summary>The run hosts of an integration runtime that are alive: heard from within <see cref="NodeLiveness.HostInterval"/>, their process not ended.</summary>
    public static List<string> LiveInstances(StoreConnection db, string factory, string runtime, DateTimeOffset now) =>
        db.Query("SELECT instance, machine, pid, process_start, process_ticks FROM run_hosts WHERE factory = $f AND runtime = $r AND last_contact >= $since;",
                r => (Instance: r.GetString(0), Process: ProcessOf(r, 1)),
                ("$f", factory), ("$r", runtime), ("$since", StoreTime.ToMs(now - NodeLiveness.HostInterval)))
            .Where(h => !h.Process.HasEnded()).Select(h => h.Instance).ToList();

    /// <summary>
    /// The factory's InProgress and Canceling runs whose host is gone: its process on this machine ended, it is on another
    /// machine and was not heard from for <see cref="NodeLiveness.HostInterval"/>, or it stopped without recording the run.
    /// Runs claimed before hosts were recorded name none and are left to the node's liveness.
    /// </summary>
    public static List<DeadRun> DeadRuns(StoreConnection db, string factory, DateTimeOffset now)
    {
        var running = db.Query("""
            SELECT r.run_id, r.status, r.runtime, r.node, h.machine, h.pid, h.process_start, h.process_ticks, h.last_contact FROM pipeline_runs r
            LEFT JOIN run_hosts h ON h.instance = r.host
            WHERE r.factory = $f AND r.status IN ('InProgress', 'Canceling') AND r.host IS NOT NULL;
            """,
            r => (Id: r.GetString(0), Status: r.GetString(1), Runtime: r.GetString(2), Node: r.GetString(3),
                Process: r.IsDBNull(4) ? null : ProcessOf(r, 4),
                LastContact: r.IsDBNull(8) ? (DateTimeOffset?)null : StoreTime.FromMs(r.GetInt64(8))),
            ("$f", factory));

        var dead = new List<DeadRun>();
        foreach (var run in running)
        {
            var who = $"the node '{run.Node}' of the integration runtime '{run.Runtime}'";
            string? what;
            if (run.Process is not { } process)
            {
                what = $"The run host of {who} stopped";
            }
            else if (process.HasEnded())
            {
                what = $"The process hosting {who} (pid {process.ProcessId}) ended";
            }
            else if (!process.IsOnThisMachine && now - run.LastContact > NodeLiveness.HostInterval)
            {
                what = $"The process hosting {who} (pid {process.ProcessId} on '{process.MachineName}') was not heard from for {RunRows.Describe(NodeLiveness.HostInterval)}";
            }
            else
            {
                continue;
            }

            dead.Add(new DeadRun(run.Id, run.Status,
                $"{what} while the run was in progress; run it again.",
                $"Cancelled: {char.ToLowerInvariant(what[0])}{what[1..]} before it confirmed the cancellation."));
        }

        return dead;
    }

    // machine, pid, process_start, process_ticks from the column at first.
    private static RunHostProcess ProcessOf(Microsoft.Data.Sqlite.SqliteDataReader r, int first) =>
        new(r.GetString(first), r.GetInt32(first + 1), StoreTime.FromMs(r.GetInt64(first + 2)), r.IsDBNull(first + 3) ? null : r.GetInt64(first + 3));
}
