using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>The SQLite change log: installed idempotently, logging like change tracking, read as net changes per key.</summary>
public sealed class ChangeCaptureTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    // GLTran's key is (Module, BatNbr, LineNbr); the sample numbers rows 0-4 for company 0010 and 5-9 for 0020 in SLApp.
    private const string Log = "SELECT TableName || ' ' || Operation || ' ' || KeyValues FROM cm_ChangeLog ORDER BY Version";
    private const string Triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name";

    private static string GlKey(int line) => $"[\"{line:00}\",\"{line:00000000}  \",{line}]";

    private static string Line(int line) => $"Module = '{line:00}' AND LineNbr = {line}";

    [Fact]
    public async Task Enabling_is_idempotent_and_the_triggers_log_like_change_tracking()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "GLTran");
        await sample.EnableAsync(entry);
        await sample.EnableAsync(entry);
        Assert.Equal(["cm_ct1_del_GLTran", "cm_ct1_ins_GLTran", "cm_ct1_upd_GLTran"], sample.Column(ReplicationSample.App, Triggers));
        Assert.Equal(["GLTran [\"Module\",\"BatNbr\",\"LineNbr\"] 1 0"],
            sample.Column(ReplicationSample.App, "SELECT TableName || ' ' || KeyColumns || ' ' || TriggerVersion || ' ' || MinValidVersion FROM cm_ChangeTracking"));
        Assert.Empty(sample.Column(ReplicationSample.App, Log));

        sample.Source($"UPDATE GLTran SET TranDesc = 'changed' WHERE {Line(1)};");
        sample.Source($"UPDATE GLTran SET LineNbr = 100 WHERE {Line(2)};"); // a key change: delete the old key, insert the new
        sample.Source($"DELETE FROM GLTran WHERE {Line(3)};");
        sample.CloneSourceRow("GLTran", Line(4), new Dictionary<string, string> { ["LineNbr"] = "200" });
        sample.Source("UPDATE GLTran SET TranDesc = TranDesc WHERE LineNbr = 999;"); // no row: nothing logged

        string[] expected =
        [
            "GLTran U " + GlKey(1),
            "GLTran D " + GlKey(2),
            "GLTran I " + GlKey(2).Replace(",2]", ",100]", StringComparison.Ordinal),
            "GLTran D " + GlKey(3),
            "GLTran I " + GlKey(4).Replace(",4]", ",200]", StringComparison.Ordinal),
        ];
        Assert.Equal(expected, sample.Column(ReplicationSample.App, Log));
        Assert.Equal(5, await ChangeReader.CurrentVersionAsync(sample.AppEndpoint, CancellationToken.None));

        // Enabling again changes nothing: the same triggers, the same log, the min valid version kept.
        await sample.EnableAsync(entry);
        Assert.Equal(["cm_ct1_del_GLTran", "cm_ct1_ins_GLTran", "cm_ct1_upd_GLTran"], sample.Column(ReplicationSample.App, Triggers));
        Assert.Equal(expected, sample.Column(ReplicationSample.App, Log));
        Assert.Equal(0, sample.Scalar(ReplicationSample.App, "SELECT MinValidVersion FROM cm_ChangeTracking"));
    }

    [Fact]
    public async Task Changes_are_net_per_key_with_the_current_rows_like_changetable()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "GLTran");
        await sample.EnableAsync(entry);
        var table = ReplicatedTable.From(entry);
        var start = await ChangeReader.CurrentVersionAsync(sample.AppEndpoint, CancellationToken.None);
        Assert.Equal(0, start);

        sample.Source($"UPDATE GLTran SET TranDesc = 'first' WHERE {Line(1)}; UPDATE GLTran SET TranDesc = 'second' WHERE {Line(1)};");
        sample.CloneSourceRow("GLTran", Line(0), new Dictionary<string, string> { ["LineNbr"] = "200" });
        sample.Source("UPDATE GLTran SET TranDesc = 'new and changed' WHERE LineNbr = 200;");   // insert + update = I
        sample.CloneSourceRow("GLTran", Line(0), new Dictionary<string, string> { ["LineNbr"] = "201" });
        sample.Source("DELETE FROM GLTran WHERE LineNbr = 201;");                                 // insert + delete = D
        sample.Source($"UPDATE GLTran SET LineNbr = 100 WHERE {Line(2)};");                      // key change: D 2, I 100
        sample.Source($"DELETE FROM GLTran WHERE {Line(3)};");                                   // D
        sample.Source($"DELETE FROM GLTran WHERE {Line(4)};");
        sample.CloneSourceRow("GLTran", Line(0), new Dictionary<string, string> { ["Module"] = "'04'", ["BatNbr"] = "'00000004  '", ["LineNbr"] = "4" }); // D + I = U

        var changes = await ChangeReader.ReadAsync(sample.AppEndpoint, table, start, CancellationToken.None);
        Assert.False(changes.RequiresFull, changes.FullReason);
        Assert.Equal(0, changes.FromVersion);
        Assert.Equal(await ChangeReader.CurrentVersionAsync(sample.AppEndpoint, CancellationToken.None), changes.CurrentVersion);
        Assert.Equal((2, 2, 3), (changes.Inserts, changes.Updates, changes.Deletes));
        Assert.Equal(7, changes.RowsRead);

        var ordinals = table.KeyOrdinals();
        var lineNbr = ordinals[2];
        Assert.Equal([1L, 4L, 100L, 200L], changes.Upserts.Select(r => Convert.ToInt64(r[lineNbr], System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal([2L, 3L, 201L], changes.DeletedKeys.Select(k => Convert.ToInt64(k[2], System.Globalization.CultureInfo.InvariantCulture)).Order());

        // Upserts carry the rows as they are now.
        var tranDesc = table.Columns.ToList().IndexOf("TranDesc");
        Assert.Equal("second", ((string)changes.Upserts.Single(r => (long)r[lineNbr]! == 1)[tranDesc]!).TrimEnd());
        Assert.Equal("new and changed", ((string)changes.Upserts.Single(r => (long)r[lineNbr]! == 200)[tranDesc]!).TrimEnd());
        Assert.Equal(sample.SourceRows(entry).Count, changes.Upserts.Count + 1); // rows 0 (unchanged), 1, 4, 100, 200

        // From the current version there is nothing to read.
        var none = await ChangeReader.ReadAsync(sample.AppEndpoint, table, changes.CurrentVersion, CancellationToken.None);
        Assert.False(none.RequiresFull);
        Assert.Empty(none.Upserts);
        Assert.Empty(none.DeletedKeys);
        Assert.Equal(0, none.RowsRead);
        Assert.Equal(changes.CurrentVersion, none.CurrentVersion);
    }

    [Fact]
    public async Task A_company_reads_its_rows_as_upserts_and_keys_that_left_it_as_deletes()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var gl0010 = await sample.EntryAsync("0010", "GLTran");
        var gl0020 = await sample.EntryAsync("0020", "GLTran");
        await sample.EnableAsync(gl0010);
        sample.Source($"UPDATE GLTran SET TranDesc = 'of 0020' WHERE {Line(6)};");
        sample.Source($"UPDATE GLTran SET CpnyID = '0020      ' WHERE {Line(1)};"); // moves from 0010 to 0020; CpnyID is not in GLTran's key

        var for0010 = await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(gl0010), 0, CancellationToken.None);
        var for0020 = await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(gl0020), 0, CancellationToken.None);

        // 0010: row 1 left it (delete), row 6 is not its own (a delete of a key it never had: harmless).
        Assert.Empty(for0010.Upserts);
        Assert.Equal([1L, 6L], for0010.DeletedKeys.Select(k => (long)k[2]!).Order());
        // 0020: both are its rows now.
        Assert.Equal([1L, 6L], for0020.Upserts.Select(r => (long)r[ReplicatedTable.From(gl0020).KeyOrdinals()[2]]!).Order());
        Assert.Empty(for0020.DeletedKeys);
    }

    [Fact]
    public async Task When_the_key_holds_the_company_other_companies_changes_are_not_read()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "AcctHist");
        var table = ReplicatedTable.From(entry);
        Assert.Equal("CpnyID", table.CompanyKeyColumn);
        await sample.EnableAsync(entry);
        sample.Source("UPDATE AcctHist SET AnnBdgt = AnnBdgt + 1; DELETE FROM AcctHist WHERE rtrim(CpnyID) = '0020';");
        var rows0010 = sample.SourceRows(entry).Count;
        Assert.True(rows0010 > 0);

        var changes = await ChangeReader.ReadAsync(sample.AppEndpoint, table, 0, CancellationToken.None);
        Assert.Equal(rows0010, changes.Upserts.Count);
        Assert.Empty(changes.DeletedKeys);
        Assert.Equal(rows0010, changes.RowsRead);
        Assert.True(sample.Scalar(ReplicationSample.App, "SELECT COUNT(*) FROM cm_ChangeLog") > rows0010);
    }

    [Fact]
    public async Task A_lapsed_retention_requires_a_full_copy_with_the_reason()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var gl = await sample.EntryAsync("0010", "GLTran");
        var hist = await sample.EntryAsync("0010", "AcctHist");
        await sample.EnableAsync(gl, hist);
        sample.Source($"UPDATE GLTran SET TranDesc = 'old change' WHERE {Line(1)};");
        var afterOld = await ChangeReader.CurrentVersionAsync(sample.AppEndpoint, CancellationToken.None);

        // Within the retention nothing is removed.
        Assert.Equal(0, await ChangeCapture.CleanupAsync(sample.AppEndpoint, TimeSpan.FromDays(3), DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.False((await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(gl), 0, CancellationToken.None)).RequiresFull);

        // Four days later, with three days of retention, the change is gone: readers from before it copy in full.
        Assert.Equal(1, await ChangeCapture.CleanupAsync(sample.AppEndpoint, TimeSpan.FromDays(3), DateTimeOffset.UtcNow.AddDays(4), CancellationToken.None));
        var lapsed = await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(gl), 0, CancellationToken.None);
        Assert.True(lapsed.RequiresFull);
        Assert.Contains("retention lapsed", lapsed.FullReason, StringComparison.Ordinal);
        Assert.Contains("oldest synced version still valid is 1", lapsed.FullReason, StringComparison.Ordinal);
        Assert.Empty(lapsed.Upserts);
        Assert.Equal(afterOld, lapsed.CurrentVersion);
        var refused = await Assert.ThrowsAsync<Errors.CmException>(() => new DeltaApplier().ApplyAsync(sample.Destination, gl, lapsed, CancellationToken.None));
        Assert.Equal(Errors.ErrorIds.ReplicationRequiresFull, refused.ErrorId);

        // A reader synced at or after the removed change is fine, and so is a table that lost nothing.
        Assert.False((await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(gl), afterOld, CancellationToken.None)).RequiresFull);
        Assert.False((await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(hist), 0, CancellationToken.None)).RequiresFull);

        // Cleanup does not lower the current version: versions are never reused.
        sample.Source($"UPDATE GLTran SET TranDesc = 'new change' WHERE {Line(1)};");
        Assert.Equal(afterOld + 1, await ChangeReader.CurrentVersionAsync(sample.AppEndpoint, CancellationToken.None));
    }

    [Fact]
    public async Task Never_synced_not_enabled_untracked_and_ahead_each_require_a_full_copy()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var gl = await sample.EntryAsync("0010", "GLTran");
        var table = ReplicatedTable.From(gl);

        var off = await ChangeReader.ReadAsync(sample.AppEndpoint, table, 0, CancellationToken.None);
        Assert.True(off.RequiresFull);
        Assert.Contains("Change capture is not enabled", off.FullReason, StringComparison.Ordinal);
        Assert.Null(off.CurrentVersion);
        Assert.Null(await ChangeReader.CurrentVersionAsync(sample.AppEndpoint, CancellationToken.None));

        await sample.EnableAsync(await sample.EntryAsync("0010", "AcctHist"));
        var untracked = await ChangeReader.ReadAsync(sample.AppEndpoint, table, 0, CancellationToken.None);
        Assert.Equal("Change tracking is off for GLTran.", untracked.FullReason);

        await sample.EnableAsync(gl);
        var never = await ChangeReader.ReadAsync(sample.AppEndpoint, table, null, CancellationToken.None);
        Assert.Equal("GLTran was never synced: the first run copies it in full.", never.FullReason);
        Assert.Equal(0, never.CurrentVersion);

        var ahead = await ChangeReader.ReadAsync(sample.AppEndpoint, table, 42, CancellationToken.None);
        Assert.Contains("is ahead of the source's current version 0", ahead.FullReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_key_columns_replace_the_triggers_and_invalidate_older_versions_and_old_trigger_versions_are_upgraded()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var gl = await sample.EntryAsync("0010", "GLTran");
        await sample.EnableAsync(gl);
        sample.Source($"UPDATE GLTran SET TranDesc = 'x' WHERE {Line(1)};");

        // An older engine's trigger (version 0) with the same keys: replaced, and the log stays valid.
        sample.Source("CREATE TRIGGER cm_ct0_ins_GLTran AFTER INSERT ON GLTran BEGIN SELECT 1; END; UPDATE cm_ChangeTracking SET TriggerVersion = 0;");
        await sample.EnableAsync(gl);
        Assert.Equal(["cm_ct1_del_GLTran", "cm_ct1_ins_GLTran", "cm_ct1_upd_GLTran"], sample.Column(ReplicationSample.App, Triggers));
        Assert.False((await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(gl), 0, CancellationToken.None)).RequiresFull);

        // Other key columns: the log's keys no longer fit, so readers from before copy in full.
        await ChangeCapture.EnableAsync(sample.AppEndpoint, [new ChangeCapture.TrackedTable("GLTran", ["Module", "BatNbr", "LineNbr", "CpnyID"])], CancellationToken.None);
        Assert.Equal(1, sample.Scalar(ReplicationSample.App, "SELECT MinValidVersion FROM cm_ChangeTracking"));
        sample.Source($"UPDATE GLTran SET TranDesc = 'y' WHERE {Line(1)};");
        Assert.Equal("GLTran U [\"01\",\"00000001  \",1,\"0010      \"]", sample.Column(ReplicationSample.App, Log)[^1]);
        var wide = ReplicatedTable.From(gl) with { KeyColumns = ["Module", "BatNbr", "LineNbr", "CpnyID"] };
        Assert.True((await ChangeReader.ReadAsync(sample.AppEndpoint, wide, 0, CancellationToken.None)).RequiresFull);
        Assert.Single((await ChangeReader.ReadAsync(sample.AppEndpoint, wide, 1, CancellationToken.None)).Upserts);
    }

    [Fact]
    public async Task Table_names_match_as_sqlite_matches_identifiers_ignoring_case()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var gl = await sample.EntryAsync("0010", "GLTran");
        await ChangeCapture.EnableAsync(sample.AppEndpoint, [new ChangeCapture.TrackedTable("gltran", ReplicatedTable.From(gl).KeyColumns)], CancellationToken.None);
        await sample.EnableAsync(gl); // the same table: nothing new
        Assert.Equal(["cm_ct1_del_gltran", "cm_ct1_ins_gltran", "cm_ct1_upd_gltran"], sample.Column(ReplicationSample.App, Triggers));
        sample.Source($"UPDATE GLTran SET TranDesc = 'x' WHERE {Line(1)};");

        var changes = await ChangeReader.ReadAsync(sample.AppEndpoint, ReplicatedTable.From(gl), 0, CancellationToken.None);
        Assert.False(changes.RequiresFull, changes.FullReason);
        Assert.Single(changes.Upserts);
    }
}
