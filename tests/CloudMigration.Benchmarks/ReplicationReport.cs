using CloudMigration.Engine.Replication.Verification;

namespace CloudMigration.Benchmarks;

/// <summary>Prints the replication figures as a table and says whether the targets are met.</summary>
internal static class ReplicationReport
{
    public const double CopyTarget = 0.8;
    public const double DeltaTarget = 0.05;

    /// <summary>Rows the change read may return beyond the keys changed.</summary>
    public const int ReadAllowance = 16;

    private static string Seconds(IEnumerable<(double Wall, double Cpu)> runs) =>
        string.Join(", ", runs.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Wall:0.00} s ({r.Cpu:0.00} CPU)")));

    public static bool Write(TextWriter output, ReplicationBenchmark.Figures f)
    {
        output.WriteLine();
        output.WriteLine("| scenario | rows | best s | rows/s | MB/s | x raw | best CPU s |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        output.WriteLine($"| Runner Copy, full (SQLite to SQLite, batches of 10,000) | {f.Rows:N0} | {f.Copy:0.00} | {f.Rows / f.Copy:N0} | {f.PayloadMB / f.Copy:0.0} | {f.CopyRatio:0.00} | {f.CopyCpu:0.00} |");
        output.WriteLine($"| Raw limit: prepared INSERT loop, one transaction | {f.Rows:N0} | {f.Raw:0.00} | {f.Rows / f.Raw:N0} | {f.PayloadMB / f.Raw:0.0} | 1.00 | {f.RawCpu:0.00} |");
        output.WriteLine($"| Delta of 1% (read changes + apply + version) | {f.ChangedKeys:N0} keys | {f.DeltaSeconds:0.000} | {f.ChangedKeys / f.DeltaSeconds:N0} | | {f.DeltaShare:P1} of the full copy | |");
        output.WriteLine($"| Verification after the delta (keyed merge of both sides) | {f.Verification.SourceRows:N0} | {f.Verification.Duration.TotalSeconds:0.00} | {f.Verification.SourceRows / f.Verification.Duration.TotalSeconds:N0} | | | |");
        output.WriteLine();
        output.WriteLine($"Source generated in {f.GenerateSeconds:0.0} s; payload {f.PayloadMB:0.0} MB (UTF-8 bytes of text values, SQLite keeping dates as text, plus 8 per number). " +
                         $"Copy rounds: {Seconds(f.CopyRuns)}; raw rounds: {Seconds(f.RawRuns)} (alternating which goes first; the best counts). CPU ratio: {f.RawCpu / f.CopyCpu:0.00}.");
        output.WriteLine($"Delta: {f.ChangedRows:N0} rows changed ({f.ChangedKeys:N0} keys: a key change is a delete and an insert); the change read returned {f.RowsRead:N0} rows; " +
                         $"applied {f.Applied.Inserted:N0} inserts, {f.Applied.Updated:N0} updates, {f.Applied.Deleted:N0} deletes; version {f.Applied.FromVersion} -> {f.Applied.ToVersion}.");
        output.WriteLine("Delta query plans (SQLite EXPLAIN QUERY PLAN of the rows and deleted-keys queries):");
        foreach (var line in f.QueryPlan)
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine($"Verification: {f.Verification}.");
        var copyOk = f.CopyRatio >= CopyTarget;
        var deltaOk = f.DeltaShare <= DeltaTarget && f.RowsRead <= f.ChangedKeys + ReadAllowance && f.PlanSeeks;
        var verifyOk = f.Verification.Status == VerificationStatus.Match && f.Verification.SourceRows == f.Verification.DestinationRows;
        output.WriteLine($"Targets: Copy >= {CopyTarget:0.0} x raw ({(copyOk ? "met" : "NOT met")}); delta <= {DeltaTarget:P0} of the full copy, reading at most the changed keys + {ReadAllowance}, " +
                         $"by index ({(deltaOk ? "met" : "NOT met")}); verification Match ({(verifyOk ? "met" : "NOT met")}).");
        return copyOk && deltaOk && verifyOk;
    }

    /// <summary>The real run path's figures (<see cref="ReplicationRunBenchmark"/>); true when its targets are met.</summary>
    public static bool Write(TextWriter output, ReplicationRunBenchmark.Figures f)
    {
        output.WriteLine();
        output.WriteLine("| scenario | rows | best s | rows/s | MB/s | x raw | best CPU s |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        output.WriteLine($"| Full run, Start-CmReplication -Full -Table GLTran (Copy to the stage + cm.ApplyTable) | {f.Rows:N0} | {f.Full:0.00} | {f.Rows / f.Full:N0} | {f.PayloadMB / f.Full:0.0} | {f.FullRatio:0.00} | {f.FullRuns.Min(r => r.Cpu):0.00} |");
        output.WriteLine($"| Raw limit: prepared INSERT loop into an identical table, one transaction | {f.Rows:N0} | {f.Raw:0.00} | {f.Rows / f.Raw:N0} | {f.PayloadMB / f.Raw:0.0} | 1.00 | {f.RawRuns.Min(r => r.Cpu):0.00} |");
        output.WriteLine($"| Normal run after 1% changed ({f.DeltaCopyType}) | {f.Change.Keys:N0} keys | {f.DeltaSeconds:0.000} | | | {f.DeltaShare:P1} of the full run | |");
        output.WriteLine($"| Verification after the delta (keyed merge of both sides) | {f.Verification.SourceRows:N0} | {f.Verification.Duration.TotalSeconds:0.00} | | | | |");
        output.WriteLine();
        output.WriteLine($"Payload {f.PayloadMB:0.0} MB. Full runs: {Seconds(f.FullRuns)}; raw rounds: {Seconds(f.RawRuns)} (alternating which goes first; the best counts).");
        output.WriteLine($"Delta: {f.Change.Rows:N0} rows changed ({f.Change.Updates:N0} updates, {f.Change.Deletes:N0} deletes, {f.Change.KeyChanges:N0} key changes, {f.Change.Inserts:N0} inserts: " +
                         $"{f.Change.Keys:N0} keys); the run staged and applied {f.RecordsCopied:N0} rows. Verification: {f.Verification}.");
        var fullOk = f.FullRatio >= CopyTarget;
        var deltaOk = f.DeltaCopyType == Engine.Replication.Runs.ReplicationCopyType.Delta && f.DeltaShare <= DeltaTarget && f.RecordsCopied <= f.Change.Keys + ReadAllowance;
        var verifyOk = f.Verification.Status == VerificationStatus.Match && f.Verification.SourceRows == f.Verification.DestinationRows;
        output.WriteLine($"Targets: Full run >= {CopyTarget:0.0} x raw ({(fullOk ? "met" : "NOT met")}); Normal run of a 1% change a Delta, <= {DeltaTarget:P0} of the Full run, " +
                         $"reading at most the changed keys + {ReadAllowance} ({(deltaOk ? "met" : "NOT met")}); verification Match ({(verifyOk ? "met" : "NOT met")}).");
        return fullOk && deltaOk && verifyOk;
    }
}
