using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Runs;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Replication.Runs;

/// <summary>Replication runs on a Ready setup of the SQLite sample, through the local factory this process hosts a node of.</summary>
[Collection(ReplicationRunCollection.Name)]
public sealed class ReplicationRunTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static string Line(int line) => $"Module = '{line:00}' AND LineNbr = {line}";

    [Fact]
    public async Task A_first_normal_run_is_full_then_a_normal_run_copies_only_the_changes_as_deltas()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);

        var first = await h.RunAsync();

        var results = await h.ResultsAsync(first);
        Assert.True(first.Status == ReplicationRunStatus.UpgradePending, first.Message + " | " + string.Join(" | ", results.Where(r => r.Status != ReplicationTableStatus.Successful).Select(r => $"{r} {r.Status} {r.ErrorMessage}")));
        Assert.Equal(ReplicationRunType.Full, first.Type);
        Assert.Equal(h.Entries.Count, first.Tables);
        Assert.All(results, r => Assert.Equal((ReplicationCopyType.Full, ReplicationTableStatus.Successful), (r.CopyType, r.Status)));
        Assert.All(results, r => Assert.True(r.Reason.Contains("never synced", StringComparison.Ordinal) || r.Reason.Contains("no key columns", StringComparison.Ordinal), r.Reason));
        Assert.Equal(results.Sum(r => r.RecordsCopied), first.RecordsCopied);
        Assert.True(first.RecordsCopied > 0);
        await h.AssertAllMatchAsync();

        var gl = h.Entry("GLTran");
        h.Source(gl, $"UPDATE GLTran SET TranDesc = 'updated', CrAmt = 12.34 WHERE {Line(1)};");
        h.Source(gl, $"UPDATE GLTran SET LineNbr = 100 WHERE {Line(2)};");
        h.Source(gl, $"DELETE FROM GLTran WHERE {Line(3)};");

        var second = await h.RunAsync();

        var changed = await h.ResultsAsync(second);
        Assert.True(second.Status == ReplicationRunStatus.UpgradePending, second.Message + " | " + string.Join(" | ", changed.Where(r => r.Status != ReplicationTableStatus.Successful).Select(r => $"{r} {r.Status} {r.ErrorMessage}")));
        Assert.Equal(ReplicationRunType.Normal, second.Type);
        var keyless = h.Entries.Where(e => e.KeyColumns.Count == 0).Select(e => e.DestinationTable).ToHashSet();
        Assert.All(changed, r => Assert.Equal(keyless.Contains(r.DestinationTable) ? ReplicationCopyType.Full : ReplicationCopyType.Delta, r.CopyType));
        // Staged: row 1 written, row 2's old key deleted and row 100 written, row 3 deleted.
        Assert.Equal(4, changed.Single(r => r.SourceTable == "GLTran").RecordsCopied);
        Assert.Equal(4, changed.Where(r => r.CopyType == ReplicationCopyType.Delta).Sum(r => r.RecordsCopied));
        await h.AssertAllMatchAsync();

        // Remove-CmSetup takes the runs, the sync state and the staging tables with the control schema.
        Assert.NotEmpty(h.Setup.Rows("SELECT name FROM sqlite_master WHERE name LIKE 'cm\\_Stage\\_%' ESCAPE '\\'"));
        await h.Setup.Service().RemoveAsync(h.Destination, null, false, CancellationToken.None);
        Assert.Empty(h.Setup.Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cm\\_%' ESCAPE '\\'"));
    }
}
