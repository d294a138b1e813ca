using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Replication.Runs;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Replication.Runs;

/// <summary>What a run and its tables say while and after they run: InProgress per table, UpgradePending, Warning for a table missing on the source, per-table progress.</summary>
[Collection(ReplicationRunCollection.Name)]
public sealed class ReplicationRunStatusTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static string Describe(ReplicationRun run, IEnumerable<ReplicationTableResult> results) =>
        run.Status + ": " + run.Message + " | " + string.Join(" | ", results.Where(r => r.Status != ReplicationTableStatus.Successful).Select(r => $"{r} {r.Status} {r.ErrorMessage}"));

    [Fact]
    public async Task A_clean_run_is_UpgradePending_and_says_the_data_upgrade_comes_next()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);

        var run = await h.RunAsync();

        var results = await h.ResultsAsync(run);
        Assert.True(run.Status == ReplicationRunStatus.UpgradePending, Describe(run, results));
        Assert.Contains("data upgrade comes next", run.Message, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Equal(ReplicationTableStatus.Successful, r.Status));
        Assert.All(results, r => Assert.True(r.StartedAt is not null && r.CompletedAt >= r.StartedAt, $"{r}: {r.StartedAt} .. {r.CompletedAt}"));
    }

    [Fact]
    public async Task A_table_missing_on_the_source_is_a_warning_50004_its_rows_stay_and_the_run_is_Completed()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        Assert.Equal(ReplicationRunStatus.UpgradePending, (await h.RunAsync()).Status);
        var gl = h.Entry("GLTran");
        var before = h.Setup.Rows($"SELECT * FROM \"{gl.DestinationTable}\"");
        Assert.NotEmpty(before);
        h.Source(gl, "DROP TABLE GLTran;");

        var run = await h.RunAsync();

        var results = await h.ResultsAsync(run);
        Assert.True(run.Status == ReplicationRunStatus.Completed, Describe(run, results));
        Assert.Equal(0, run.TablesFailed);
        Assert.Contains("1 with a warning", run.Message, StringComparison.Ordinal);
        var warned = results.Where(r => r.Status == ReplicationTableStatus.Warning).ToList();
        Assert.All(warned, r => Assert.Equal("GLTran", r.SourceTable));
        var warning = Assert.Single(warned, r => r.Company == gl.Company);
        Assert.Equal("50004", warning.ErrorCode);
        Assert.Contains("does not exist in the source database", warning.ErrorMessage, StringComparison.Ordinal);
        Assert.All(results.Except(warned), r => Assert.Equal(ReplicationTableStatus.Successful, r.Status));
        Assert.Equal(before, h.Setup.Rows($"SELECT * FROM \"{gl.DestinationTable}\""));
        await h.AssertAllMatchAsync("GLTran");
    }

    [Fact]
    public async Task A_table_is_InProgress_while_it_is_applied_and_the_wait_shows_it_as_a_child_record_with_its_rows()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        var gl = h.Entry("GLTran");
        var tableId = int.Parse(h.Setup.Rows($"SELECT TableId FROM cm_ReplicationTable WHERE SourceTable = 'GLTran' AND Company = '{gl.Company}'").Single(),
            System.Globalization.CultureInfo.InvariantCulture);
        var seen = new List<string>();
        ApplyTableProcedure.BeforeCommit[h.DestinationPath] = async id =>
        {
            if (id != tableId)
            {
                return;
            }

            // Inside the apply's transaction: what any other reader sees of this run's tables now.
            lock (seen)
            {
                seen.AddRange(h.Setup.Rows($"SELECT TableId, Status, StartedAt IS NOT NULL, CompletedAt IS NULL FROM cm_ReplicationTableResult WHERE TableId = {id}"));
            }

            await Task.Delay(400);   // long enough for the wait (polling every 20 ms) to see the table in progress
        };
        var reports = new List<OperationProgress>();

        var run = await h.Service.StartAsync(h.Destination, h.Request(), SyncProgress.Into(reports), CancellationToken.None);

        var results = await h.ResultsAsync(run);
        Assert.True(run.Status == ReplicationRunStatus.UpgradePending, Describe(run, results));
        Assert.Equal([$"{tableId}|InProgress|1|1"], seen);
        var key = tableId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var child = reports.Where(p => p.Child == key).ToList();
        Assert.Contains(child, p => !p.Completed && p.Status.EndsWith("rows copied", StringComparison.Ordinal));
        Assert.Contains($"{gl.Company}/GLTran", child[0].Activity, StringComparison.Ordinal);
        var copied = results.Single(r => r.TableId == tableId).RecordsCopied;
        // While applied, its stage holds every row it copied: the child record shows them all.
        Assert.Contains(child, p => p.Status == $"Full: {copied:N0} rows copied");
        Assert.True(child[^1].Completed, child[^1].ToString());
        Assert.StartsWith("Successful", child[^1].Status, StringComparison.Ordinal);
        Assert.Contains(reports, p => p.Child is null && p.Status.Contains("in progress", StringComparison.Ordinal));
        var last = reports.Last(p => p.Child is null);
        Assert.True(last.Completed, last.ToString());
    }
}
