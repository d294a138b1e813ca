using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Runs;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.Setup;

namespace CloudMigration.Engine.Tests.Replication.Runs;

/// <summary>Retention, failing tables, cancellation and crashes between the copy and the apply: the destination ends equal to the source.</summary>
[Collection(ReplicationRunCollection.Name)]
public sealed class ReplicationRunFailureTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static string Line(int line) => $"Module = '{line:00}' AND LineNbr = {line}";

    private static string Describe(ReplicationRun run, IEnumerable<ReplicationTableResult> results) =>
        run.Status + ": " + run.Message + " | " + string.Join(" | ", results.Where(r => r.Status != ReplicationTableStatus.Successful).Select(r => $"{r} {r.Status} {r.ErrorMessage}"));

    [Fact]
    public async Task A_lapsed_retention_copies_that_table_in_full_with_the_reason()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        var first = await h.RunAsync();
        Assert.Equal(ReplicationRunStatus.UpgradePending, first.Status);
        var gl = h.Entry("GLTran");
        h.Source(gl, $"UPDATE GLTran SET TranDesc = 'after the first run' WHERE {Line(1)};");
        await ChangeCapture.CleanupAsync(h.Setup.Sample.Endpoint(gl.SourceDatabase), TimeSpan.Zero, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        var second = await h.RunAsync();

        var results = await h.ResultsAsync(second);
        Assert.True(second.Status == ReplicationRunStatus.UpgradePending, Describe(second, results));
        var table = results.Single(r => r.SourceTable == "GLTran");
        Assert.Equal(ReplicationCopyType.Full, table.CopyType);
        Assert.Contains("retention lapsed", table.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplicationRunType.Normal, second.Type);
        await h.AssertAllMatchAsync();
    }

    [Fact]
    public async Task Each_run_cleans_the_change_log_up_after_its_retention_and_a_table_synced_before_the_cutoff_is_copied_in_full()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        Assert.Equal(ReplicationRunStatus.UpgradePending, (await h.RunAsync()).Status);
        var gl = h.Entry("GLTran");
        var hist = h.Entry("AcctHist");
        var db = gl.SourceDatabase;
        h.Source(gl, $"UPDATE GLTran SET TranDesc = 'older than the retention' WHERE {Line(1)};");
        var oldVersion = long.Parse(h.Setup.Rows("SELECT MAX(Version) FROM cm_ChangeLog", db).Single(), System.Globalization.CultureInfo.InvariantCulture);
        // Age every entry so far past the retention (3 days); the next change stays within it.
        h.Source(gl, "UPDATE cm_ChangeLog SET ChangedAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-4 days');");
        h.Source(hist, "UPDATE AcctHist SET AnnBdgt = AnnBdgt + 1 WHERE rowid = (SELECT MIN(rowid) FROM AcctHist WHERE rtrim(CpnyID) = '0010');");
        Assert.Equal(["1"], h.Setup.Rows("SELECT MinValidVersion < " + oldVersion + " FROM cm_ChangeTracking WHERE TableName = 'GLTran'", db));

        var second = await h.RunAsync();

        var results = await h.ResultsAsync(second);
        Assert.True(second.Status == ReplicationRunStatus.UpgradePending, Describe(second, results));
        Assert.Equal(["0"], h.Setup.Rows("SELECT COUNT(*) FROM cm_ChangeLog WHERE Version <= " + oldVersion, db)); // the old entries are gone
        Assert.NotEqual(["0"], h.Setup.Rows("SELECT COUNT(*) FROM cm_ChangeLog", db)); // the recent one is kept
        Assert.Equal([oldVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)], h.Setup.Rows("SELECT MinValidVersion FROM cm_ChangeTracking WHERE TableName = 'GLTran'", db));
        var table = results.Single(r => r.SourceTable == "GLTran");
        Assert.Equal(ReplicationCopyType.Full, table.CopyType);
        Assert.Contains("retention lapsed", table.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplicationCopyType.Delta, results.Single(r => r.SourceTable == "AcctHist").CopyType);
        await h.AssertAllMatchAsync();

        // Nothing older than the retention is left: the next run deletes nothing and copies GLTran by delta again.
        var third = await h.RunAsync();
        Assert.Equal(ReplicationCopyType.Delta, (await h.ResultsAsync(third)).Single(r => r.SourceTable == "GLTran").CopyType);
    }

    [Fact]
    public async Task A_table_gone_from_the_destination_fails_alone_with_its_message_and_fails_the_run()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        Assert.Equal(ReplicationRunStatus.UpgradePending, (await h.RunAsync()).Status);
        var gl = h.Entry("GLTran");
        h.Bc($"DROP TABLE \"{gl.DestinationTable}\";");

        var run = await h.RunAsync();

        var results = await h.ResultsAsync(run);
        Assert.Equal(ReplicationRunStatus.Failed, run.Status);
        Assert.Equal(1, run.TablesFailed);
        var failed = Assert.Single(results, r => r.Status == ReplicationTableStatus.Failed);
        Assert.Equal("GLTran", failed.SourceTable);
        Assert.Contains("no such table", failed.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(failed.ErrorCode), "a failed table carries its activity's error code");
        Assert.All(results.Where(r => r != failed), r => Assert.Equal(ReplicationTableStatus.Successful, r.Status));
        Assert.All(results.Where(r => r != failed), r => Assert.NotNull(r.TotalRecords));
        Assert.Contains("1 of", run.Message, StringComparison.Ordinal);
        await h.AssertAllMatchAsync("GLTran");
    }

    [Fact]
    public async Task A_value_too_long_for_the_destination_fails_that_table_with_a_clear_message_while_the_others_succeed()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        Assert.Equal(ReplicationRunStatus.UpgradePending, (await h.RunAsync()).Status);
        var gl = h.Entry("GLTran");
        var description = gl.Columns.Single(c => c.Source == "TranDesc");
        var length = int.Parse(System.Text.RegularExpressions.Regex.Match(description.DestinationType!, @"\((\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var destination = $"\"{gl.DestinationTable}\"";
        var before = h.Setup.Rows($"SELECT * FROM {destination}");
        h.Source(gl, $"UPDATE GLTran SET TranDesc = '{new string('x', length + 1)}' WHERE {Line(1)};");
        h.Source(gl, $"DELETE FROM GLTran WHERE {Line(2)};");

        var run = await h.RunAsync();

        var results = await h.ResultsAsync(run);
        Assert.Equal(ReplicationRunStatus.Failed, run.Status);
        var failed = Assert.Single(results, r => r.Status == ReplicationTableStatus.Failed);
        Assert.Equal("GLTran", failed.SourceTable);
        Assert.Equal(Engine.Errors.ErrorIds.ValueTooLong, failed.ErrorCode);
        Assert.True(failed.Duration >= TimeSpan.Zero, $"{failed.StartedAt} .. {failed.CompletedAt}");
        // The copy into the table's stage (typed as the destination declares its columns) refuses the value, as SQL Server would.
        Assert.StartsWith("String or binary data would be truncated in table 'cm_Stage_", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"column '{description.Destination}': a value of {length + 1} characters does not fit {description.DestinationType}. Truncated value: 'xxx",
            failed.ErrorMessage, StringComparison.Ordinal);
        Assert.All(results.Where(r => r != failed), r => Assert.Equal(ReplicationTableStatus.Successful, r.Status));
        Assert.Equal(before, h.Setup.Rows($"SELECT * FROM {destination}")); // nothing of the table applied, not even the delete
        await h.AssertAllMatchAsync("GLTran");

        // Fixed at the source, the next run applies the table's changes since its last good version.
        h.Source(gl, $"UPDATE GLTran SET TranDesc = 'fits now' WHERE {Line(1)};");
        var again = await h.RunAsync();
        Assert.True(again.Status == ReplicationRunStatus.UpgradePending, Describe(again, await h.ResultsAsync(again)));
        await h.AssertAllMatchAsync();
    }

    [Fact]
    public async Task A_crash_between_the_copy_and_the_apply_rolls_the_table_back_and_the_next_run_converges_without_duplicates()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        Assert.Equal(ReplicationRunStatus.UpgradePending, (await h.RunAsync()).Status);
        var gl = h.Entry("GLTran");
        h.Source(gl, $"UPDATE GLTran SET TranDesc = 'changed' WHERE {Line(1)};");
        h.Source(gl, $"UPDATE GLTran SET LineNbr = 300 WHERE {Line(2)};");
        var fired = 0;
        var tableId = (await h.ResultsAsync(await h.Service.GetRunAsync(h.Destination, null, CancellationToken.None))).Single(r => r.SourceTable == "GLTran").TableId;
        ApplyTableProcedure.BeforeCommit[h.DestinationPath] = id =>
            id == tableId && Interlocked.Increment(ref fired) == 1 ? throw new IOException("Injected crash after the rows were written, before the commit.") : Task.CompletedTask;

        var crashed = await h.RunAsync();

        var results = await h.ResultsAsync(crashed);
        Assert.Equal(ReplicationRunStatus.Failed, crashed.Status);
        Assert.Contains("Injected crash", Assert.Single(results, r => r.Status == ReplicationTableStatus.Failed).ErrorMessage, StringComparison.Ordinal);
        var destination = $"\"{gl.DestinationTable}\"";
        Assert.Equal(["0"], h.Setup.Rows($"SELECT COUNT(*) FROM {destination} WHERE LineNbr = 300")); // rolled back

        var again = await h.RunAsync();

        var second = await h.ResultsAsync(again);
        Assert.True(again.Status == ReplicationRunStatus.UpgradePending, Describe(again, second));
        Assert.Equal(ReplicationCopyType.Delta, second.Single(r => r.SourceTable == "GLTran").CopyType);
        await h.AssertAllMatchAsync();
        Assert.Equal(["1"], h.Setup.Rows($"SELECT COUNT(*) FROM {destination} WHERE LineNbr = 300"));
    }

    [Fact]
    public async Task Stopping_a_run_cancels_it_and_the_next_run_converges()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        var started = await h.Service.StartAsync(h.Destination, h.Request(wait: false), null, CancellationToken.None);
        Assert.Equal(ReplicationRunStatus.InProgress, started.Status);
        Assert.NotNull(started.PipelineRunId);

        var stopped = await h.Service.StopAsync(h.Destination, started.RunId, CancellationToken.None);

        Assert.Equal(ReplicationRunStatus.Cancelled, stopped.Status);
        Assert.Equal(stopped.Status, (await h.Service.GetRunAsync(h.Destination, started.RunId, CancellationToken.None)).Status);
        var run = await h.RunAsync();
        var results = await h.ResultsAsync(run);
        Assert.True(run.Status == ReplicationRunStatus.UpgradePending, Describe(run, results));
        await h.AssertAllMatchAsync();
        Assert.Equal(2, (await h.Service.GetRunsAsync(h.Destination, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_run_while_another_is_in_progress_is_refused_and_a_setup_not_ready_is_refused()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        var started = await h.Service.StartAsync(h.Destination, h.Request(wait: false), null, CancellationToken.None);
        var busy = await Assert.ThrowsAsync<CmException>(() => h.RunAsync());
        Assert.Equal(ErrorIds.ReplicationRunInProgress, busy.ErrorId);
        var done = await h.Service.WaitAsync(h.Destination, started.RunId, null, CancellationToken.None);
        Assert.Equal(ReplicationRunStatus.UpgradePending, done.Status);
        var keyed = h.Entries.Where(e => e.KeyColumns.Count > 0).Select(e => e.DestinationTable).ToHashSet();
        Assert.All((await h.ResultsAsync(done)).Where(r => keyed.Contains(r.DestinationTable)), r => Assert.Contains("never synced", r.Reason, StringComparison.Ordinal));

        using var other = await SetupHarness.CreateAsync(fixture.Folder);
        await Assert.ThrowsAnyAsync<Exception>(() => other.StartAsync(faults: new FaultAt(SetupStepName.ReplicationPipeline, SetupFaultPoint.BeforeWork)));
        var notReady = await Assert.ThrowsAsync<CmException>(() =>
            new ReplicationService(other.Factories).StartAsync(other.Sample.Destination, new ReplicationRequest { Source = other.Sample.Source }, null, CancellationToken.None));
        Assert.Equal(ErrorIds.ReplicationSetupNotReady, notReady.ErrorId);
    }
}
