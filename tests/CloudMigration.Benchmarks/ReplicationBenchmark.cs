using System.Diagnostics;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Benchmarks;

/// <summary>
/// Replication figures on SQLite, each against a baseline measured in the same run:
/// <list type="bullet">
/// <item>Full copy: the embedded runner's Copy activity (the replication pipeline's CopyTable: source query with the
/// company filter, pre-copy script, default batches) of a GLTran-shaped table into an empty staging table, against the
/// raw limit of the same destination: the same source query read with a DbDataReader and inserted through one prepared
/// INSERT in one transaction, into an identical empty table, over connections opened the same way.</item>
/// <item>Delta: 1% of the rows changed through the change log (updates, deletes, key changes, inserts), read with
/// ChangeReader and applied with DeltaApplier, against the full copy's time; the rows the change read returns against the
/// keys changed; and the query plans of the delta queries, which must seek (no scan of the table or the log).</item>
/// <item>Verification of the table after the delta (a keyed merge of 2 x N rows).</item>
/// </list>
/// </summary>
internal static class ReplicationBenchmark
{
    public sealed record Figures(
        int Rows, double PayloadMB, double GenerateSeconds,
        IReadOnlyList<(double Wall, double Cpu)> CopyRuns, IReadOnlyList<(double Wall, double Cpu)> RawRuns,
        int ChangedRows, int ChangedKeys, long RowsRead, double DeltaSeconds, DeltaApplyResult Applied,
        IReadOnlyList<string> QueryPlan, TableVerification Verification)
    {
        public double Copy => CopyRuns.Min(r => r.Wall);

        public double Raw => RawRuns.Min(r => r.Wall);

        public double CopyCpu => CopyRuns.Min(r => r.Cpu);

        public double RawCpu => RawRuns.Min(r => r.Cpu);

        public double CopyRatio => Raw / Copy;

        public double DeltaShare => DeltaSeconds / Copy;

        public bool PlanSeeks => QueryPlan.All(l => !l.Contains("SCAN GLTran", StringComparison.Ordinal) && !l.Contains("SCAN cm_ChangeLog", StringComparison.Ordinal) && !l.Contains("SCAN t", StringComparison.Ordinal));
    }

    public static async Task<Figures> RunAsync(int rows, int rounds, TextWriter log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await RunAsync(folder, rows, rounds, log);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Figures> RunAsync(string folder, int rows, int rounds, TextWriter log)
    {
        var token = CancellationToken.None;
        var sourcePath = Path.Combine(folder, "SLApp.db");
        var source = Endpoint(sourcePath);
        var watch = Stopwatch.StartNew();
        long payload;
        using (var connection = Create(sourcePath))
        {
            Execute(connection, SchemaScripts.CreateTable(SqliteDialect.Instance, GlTranTable.Source));
            GlTranTable.Insert(connection, null, 0, rows);
            payload = GlTranTable.Payload(connection);
        }

        var generate = watch.Elapsed.TotalSeconds;
        log.WriteLine($"  generated {rows:N0} rows ({payload / 1048576.0:0.0} MB payload) in {generate:0.0} s");
        var table = ReplicatedTable.From(GlTranTable.Entry);
        await ChangeCapture.EnableAsync(source, [new ChangeCapture.TrackedTable(table.Table, table.KeyColumns)], token);

        var copyRuns = new List<(double Wall, double Cpu)>();
        var rawRuns = new List<(double Wall, double Cpu)>();
        CmEndpoint? destination = null;
        long? syncedVersion = null;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first: the one that follows pays for the other's pages still being written back.
            for (var turn = 0; turn < 2; turn++)
            {
                if ((round + turn) % 2 == 0)
                {
                    var target = NewDestination(folder, "raw" + round);
                    var cpu = CpuSeconds();
                    var wall = await RawCopyAsync(source, target);
                    rawRuns.Add((wall, CpuSeconds() - cpu));
                    log.WriteLine($"  raw insert loop, round {round + 1}: {wall:0.00} s ({rawRuns[^1].Cpu:0.00} s CPU)");
                    File.Delete(target.FilePath!); // its pages need not be written back while the next run is timed
                }
                else
                {
                    if (destination is not null)
                    {
                        File.Delete(destination.FilePath!);
                    }

                    destination = NewDestination(folder, "BusinessCentral" + round);
                    var cpu = CpuSeconds();
                    var (wall, version) = await RunnerCopyAsync(sourcePath, destination, source, rows);
                    copyRuns.Add((wall, CpuSeconds() - cpu));
                    syncedVersion = version;
                    log.WriteLine($"  runner Copy, round {round + 1}: {wall:0.00} s ({copyRuns[^1].Cpu:0.00} s CPU)");
                }
            }
        }

        // 1% of the rows change through the change log: updates, deletes, key changes (a delete and an insert each) and inserts.
        var change = OnePercentChange.Of(rows);
        using (var connection = Open(sourcePath))
        {
            change.Apply(connection, rows, (transaction, first, count) => GlTranTable.Insert(connection, transaction, first, count));
        }

        watch.Restart();
        var changes = await ChangeReader.ReadAsync(source, table, syncedVersion, token);
        var applied = await new DeltaApplier().ApplyAsync(destination!, GlTranTable.Entry, changes, token);
        var delta = watch.Elapsed.TotalSeconds;
        log.WriteLine($"  delta: {changes.RowsRead:N0} keys read, {applied.Inserted:N0} inserted, {applied.Updated:N0} updated, {applied.Deleted:N0} deleted in {delta:0.000} s");

        var plan = new List<string>();
        var queries = ChangeQueries.Delta(GlTranTable.Entry, SqliteDialect.Instance, DeltaVersion.Literal(syncedVersion ?? 0));
        using (var connection = Open(sourcePath))
        {
            foreach (var query in new[] { queries.Rows, queries.DeletedKeys })
            {
                using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + query;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    plan.Add(reader.GetString(3));
                }
            }
        }

        var verification = await new TableVerifier().VerifyAsync(source, destination!, GlTranTable.Entry, token);
        log.WriteLine($"  verified: {verification} in {verification.Duration.TotalSeconds:0.0} s");
        return new Figures(rows, payload / 1048576.0, generate, copyRuns, rawRuns, change.Rows, change.Keys, changes.RowsRead, delta, applied, plan, verification);
    }

    /// <summary>The runner's Copy with the sync state protocol around it: the version before, the state cleared, the copy (timed), the version recorded.</summary>
    private static async Task<(double Seconds, long? Version)> RunnerCopyAsync(string sourcePath, CmEndpoint destination, CmEndpoint source, int rows)
    {
        var version = await ChangeReader.CurrentVersionAsync(source, CancellationToken.None);
        var key = SyncState.For(GlTranTable.Entry);
        await SyncStateStore.SetAsync(destination, key, CancellationToken.None);
        var factory = new LocalFactory().Sqlite("Sl", "SlTables", sourcePath).Sqlite("Bc", "BcTables", destination.FilePath!);
        var pipeline = LocalFactory.CopyPipeline("SlTables", "BcTables", GlTranTable.DestinationName, GlTranTable.SourceQuery,
            "DELETE FROM " + SqliteDialect.Instance.QuoteIdentifier(GlTranTable.DestinationName) + ";");
        var watch = Stopwatch.StartNew();
        var result = await new PipelineRunner().ExecuteAsync("bench-" + Guid.NewGuid().ToString("N"), pipeline, [], factory, factory, CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        if (result.Status != Engine.Factories.PipelineRunStatus.Succeeded || factory.LastOutput?["rowsCopied"]?.GetValue<long>() != rows)
        {
            throw new InvalidOperationException($"The benchmark copy failed: {result.Status} {result.Message} {factory.LastOutput?.ToJsonString()}");
        }

        await SyncStateStore.SetAsync(destination, key with { LastSyncedVersion = version, LastMethod = "Full", SyncedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        return (seconds, version);
    }

    /// <summary>The raw limit: read the same query, insert through one prepared command, one transaction; connections opened as the runner opens them.</summary>
    private static Task<double> RawCopyAsync(CmEndpoint source, CmEndpoint destination) =>
        RawInsertLoop.RunAsync(source, GlTranTable.SourceQuery, destination,
            SchemaScripts.Insert(SqliteDialect.Instance, GlTranTable.Destination(), GlTranTable.Entry.Columns.Select(c => c.Destination).ToArray()), GlTranTable.Entry.Columns.Count);

    private static CmEndpoint NewDestination(string folder, string name)
    {
        var path = Path.Combine(folder, name + ".db");
        using (var connection = Create(path))
        {
            Execute(connection, SchemaScripts.CreateTable(SqliteDialect.Instance, GlTranTable.Destination()));
        }

        return Endpoint(path);
    }

    private static CmEndpoint Endpoint(string path) => BenchSqlite.Endpoint(path);

    private static SqliteConnection Create(string path) => BenchSqlite.Create(path);

    private static SqliteConnection Open(string path) => BenchSqlite.Open(path);

    private static void Execute(SqliteConnection connection, string sql) => BenchSqlite.Execute(connection, sql);

    private static double CpuSeconds() => BenchSqlite.CpuSeconds();
}
