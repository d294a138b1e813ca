using System.Diagnostics;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication.Runs;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Benchmarks;

/// <summary>
/// The real run path (Start-CmReplication) on SQLite, each figure against a baseline measured in the same run:
/// <list type="bullet">
/// <item>a Ready setup of a generated sample (one company, 0010, on the local factory with a node this process hosts) whose
/// GLTran holds N generated rows (<see cref="SampleGlTran"/>); runs of its GLTran only (-Table GLTran);</item>
/// <item>Full run: ReplicationService.StartAsync with -Full, waited for: decide, make the stage, the pipeline's Copy into
/// cm_Stage_&lt;TableId&gt;, cm.ApplyTable (rows, version and result in one transaction), the run closed. Against the raw
/// limit: the same source rows read with a DbDataReader and inserted through one prepared INSERT in one transaction into
/// an identical empty table (the destination table's DDL, in a file of its own), the required BC columns computed by the
/// source query;</item>
/// <item>Delta: 1% of the rows changed at the source (<see cref="OnePercentChange"/>), then a Normal run: its time against
/// the Full run's, and the rows it staged and applied (RecordsCopied) against the keys changed;</item>
/// <item>verification of the table after the delta.</item>
/// </list>
/// </summary>
internal static class ReplicationRunBenchmark
{
    private const string FactoryName = "cm-bench-local";

    public sealed record Figures(
        int Rows, double PayloadMB, IReadOnlyList<(double Wall, double Cpu)> FullRuns, IReadOnlyList<(double Wall, double Cpu)> RawRuns,
        OnePercentChange Change, long RecordsCopied, ReplicationCopyType DeltaCopyType, double DeltaSeconds, TableVerification Verification)
    {
        public double Full => FullRuns.Min(r => r.Wall);

        public double Raw => RawRuns.Min(r => r.Wall);

        public double FullRatio => Raw / Full;

        public double DeltaShare => DeltaSeconds / Full;
    }

    public static async Task<Figures> RunAsync(int rows, int rounds, TextWriter log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-bench-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = FactoryStore.Open(Path.Combine(folder, "store", "factories.db"));
        try
        {
            return await RunAsync(folder, store, rows, rounds, log);
        }
        finally
        {
            await LocalNodeHosts.StopAllAsync(store);
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Figures> RunAsync(string folder, FactoryStore store, int rows, int rounds, TextWriter log)
    {
        var token = CancellationToken.None;
        var watch = Stopwatch.StartNew();
        var sample = await new SampleEnvironmentBuilder().CreateAsync(new SampleOptions { Path = Path.Combine(folder, "sample"), RowsPerTable = 2, CompanyCount = 1 }, null, token);
        var slApp = Path.Combine(sample.Path, sample.ApplicationDatabases[0] + SampleEnvironmentBuilder.FileExtension);
        var destinationPath = Path.Combine(sample.Path, SampleEnvironmentBuilder.DestinationDatabase + SampleEnvironmentBuilder.FileExtension);
        using (var connection = BenchSqlite.Open(slApp))
        {
            new SampleGlTran(connection).Fill(rows);
        }

        var factories = new DataFactoryService(store);
        await factories.RegisterLocalAsync(FactoryName, token);
        var setup = await new SetupService(factories).StartAsync(new SetupRequest { Source = sample.Source, Destination = sample.Destination, Companies = [GlTranTable.Company] }, null, token);
        if (setup.Status != SetupStatus.Ready)
        {
            throw new InvalidOperationException($"The benchmark's setup ended {setup.Status}: {setup.Message}");
        }

        var entry = ReadEntry(destinationPath);
        long payload;
        using (var connection = BenchSqlite.Open(slApp))
        {
            payload = GlTranTable.Payload(connection, entry.SourceTable, entry.Columns.Select(c => c.Source), SqliteDialect.Instance.FixedWidthEquals("CpnyID", GlTranTable.Company));
        }

        log.WriteLine($"  sample with {rows:N0} GLTran rows ({entry.Columns.Count} copied columns, {payload / 1048576.0:0.0} MB payload) and its Ready setup in {watch.Elapsed.TotalSeconds:0.0} s");

        var service = new ReplicationService(factories) { PollInterval = TimeSpan.FromMilliseconds(20) };
        var factory = await factories.OpenAsync(FactoryName, token);
        var (rawQuery, rawInsert, rawColumns, ddl) = RawStatements(destinationPath, entry);
        var fullRuns = new List<(double Wall, double Cpu)>();
        var rawRuns = new List<(double Wall, double Cpu)>();
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first: the one that follows pays for the other's pages still being written back.
            for (var turn = 0; turn < 2; turn++)
            {
                var cpu = BenchSqlite.CpuSeconds();
                if ((round + turn) % 2 == 0)
                {
                    var rawPath = Path.Combine(folder, "raw" + round + ".db");
                    using (var connection = BenchSqlite.Create(rawPath))
                    {
                        BenchSqlite.Execute(connection, ddl);
                    }

                    var wall = await RawInsertLoop.RunAsync(sample.Source.WithDatabase(entry.SourceDatabase), rawQuery, BenchSqlite.Endpoint(rawPath), rawInsert, rawColumns);
                    rawRuns.Add((wall, BenchSqlite.CpuSeconds() - cpu));
                    log.WriteLine($"  raw insert loop, round {round + 1}: {wall:0.00} s ({rawRuns[^1].Cpu:0.00} s CPU)");
                    File.Delete(rawPath);
                }
                else
                {
                    var (wall, result, activities) = await RunAsync(service, factory, sample, full: true, rows);
                    fullRuns.Add((wall, BenchSqlite.CpuSeconds() - cpu));
                    log.WriteLine($"  Full run, round {round + 1}: {wall:0.00} s ({fullRuns[^1].Cpu:0.00} s CPU), {result.RecordsCopied:N0} rows applied; activities: {activities}");
                }
            }
        }

        var change = OnePercentChange.Of(rows);
        using (var connection = BenchSqlite.Open(slApp))
        {
            var gl = new SampleGlTran(connection);
            change.Apply(connection, rows, gl.Insert);
        }

        var (deltaSeconds, delta, deltaActivities) = await RunAsync(service, factory, sample, full: false, null);
        log.WriteLine($"  Normal run after 1% changed: {deltaSeconds:0.000} s, {delta.CopyType}, {delta.RecordsCopied:N0} rows staged and applied for {change.Keys:N0} changed keys; " +
                      $"activities: {deltaActivities}");
        var verification = await new TableVerifier().VerifyAsync(sample.Source, sample.Destination, entry, token);
        log.WriteLine($"  verified: {verification} in {verification.Duration.TotalSeconds:0.0} s");
        return new Figures(rows, payload / 1048576.0, fullRuns, rawRuns, change, delta.RecordsCopied ?? -1, delta.CopyType, deltaSeconds, verification);
    }

    /// <summary>One run of GLTran, waited for; fails unless it completed (and, given <paramref name="rows"/>, applied that many rows).</summary>
    private static async Task<(double Seconds, ReplicationTableResult Result, string Activities)> RunAsync(ReplicationService service, IDataFactory factory, SampleEnvironment sample,
        bool full, int? rows)
    {
        var watch = Stopwatch.StartNew();
        var run = await service.StartAsync(sample.Destination, new ReplicationRequest { Full = full, Wait = false, Tables = [GlTranTable.SourceName], Source = sample.Source }, null, CancellationToken.None);
        // Waited for as Start-CmReplication waits (polls of the control schema; a poll that meets the apply's write lock waits for it).
        run = await service.WaitAsync(sample.Destination, run.RunId, null, CancellationToken.None);

        var seconds = watch.Elapsed.TotalSeconds;
        var results = await service.GetTableResultsAsync(sample.Destination, run.RunId, CancellationToken.None);
        if (run.Status != ReplicationRunStatus.UpgradePending || results.Count != 1 || (rows is { } expected && results[0].RecordsCopied != expected))
        {
            throw new InvalidOperationException($"The benchmark's run ended {run.Status}: {run.Message} " +
                                                string.Join(" | ", results.Select(r => $"{r} {r.Status} {r.RecordsCopied} {r.ErrorMessage}")));
        }

        // Where the run's time went: each activity's seconds (the ForEach holds the Copy and the apply).
        var activities = await factory.QueryActivityRunsAsync(run.PipelineRunId!, CancellationToken.None);
        var spent = string.Join(", ", activities.Where(a => a.Start is not null && a.End is not null)
            .GroupBy(a => a.ActivityName).Select(g => $"{g.Key} {g.Sum(a => (a.End!.Value - a.Start!.Value).TotalSeconds):0.00} s"));
        return (seconds, results[0], spent);
    }

    /// <summary>GLTran's control row, as the plan entry the run applies.</summary>
    private static TablePlanEntry ReadEntry(string destinationPath)
    {
        using var connection = BenchSqlite.Open(destinationPath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT SourceDatabase, DestinationTable, KeyColumns, Columns FROM " + ControlTable.QuotedName(SqliteDialect.Instance) +
                              " WHERE SourceTable = @table AND Company = @company;";
        command.Parameters.AddWithValue("@table", GlTranTable.SourceName);
        command.Parameters.AddWithValue("@company", GlTranTable.Company);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("The setup's control table has no GLTran row for company " + GlTranTable.Company + ".");
        }

        return new TablePlanEntry
        {
            Company = GlTranTable.Company,
            SourceDatabase = reader.GetString(0),
            SourceTable = GlTranTable.SourceName,
            DestinationTable = reader.GetString(1),
            CopyMethod = CopyMethod.Delta,
            Reason = "benchmark",
            KeyColumns = new NameList((JsonNode.Parse(reader.GetString(2)) as JsonArray ?? []).Select(k => (string?)k ?? string.Empty).ToArray()),
            Columns = ControlRowBuilder.ParseColumns(reader.GetString(3)),
            FilteredByCompany = true,
            Status = PlanStatus.Ready,
        };
    }

    /// <summary>
    /// The raw loop's statements: the source query (the mapped columns with the company filter, then the destination's other
    /// columns: a random [timestamp], random GUIDs, the time now), the INSERT of all of them, and the destination table's DDL.
    /// </summary>
    private static (string Query, string Insert, int Columns, string Ddl) RawStatements(string destinationPath, TablePlanEntry entry)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        using var connection = BenchSqlite.Open(destinationPath);
        var ddl = (string)BenchSqlite.Scalar(connection, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{entry.DestinationTable.Replace("'", "''", StringComparison.Ordinal)}';")!;
        var others = SampleGlTran.TableInfo(connection, entry.DestinationTable)
            .Where(c => !entry.Columns.Any(m => string.Equals(m.Destination, c.Name, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        string Value((string Name, string Type) column) => column.Type.ToUpperInvariant() switch
        {
            "ROWVERSION" or "TIMESTAMP" => "randomblob(8)",
            "UNIQUEIDENTIFIER" => "lower(hex(randomblob(16)))",
            "DATETIME" => "strftime('%Y-%m-%d %H:%M:%S', 'now')",
            _ => "NULL",
        };
        var query = "SELECT " + string.Join(", ", entry.Columns.Select(c => q(c.Source)).Concat(others.Select(Value))) + " FROM " + q(entry.SourceTable) +
                    " WHERE " + SqliteDialect.Instance.FixedWidthEquals(q("CpnyID"), entry.Company);
        var columns = entry.Columns.Select(c => c.Destination).Concat(others.Select(c => c.Name)).ToArray();
        var insert = SchemaScripts.Insert(SqliteDialect.Instance, new Engine.Discovery.TableSchema(entry.DestinationTable, [], []), columns);
        return (query, insert, columns.Length, ddl);
    }
}
