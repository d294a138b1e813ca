using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>Full copy, then deltas through the change log, on a copy of the SQLite sample; the version moves only with the rows.</summary>
public sealed class DeltaApplyTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Bc = SampleEnvironmentBuilder.DestinationDatabase;

    private static string Line(int line) => $"Module = '{line:00}' AND LineNbr = {line}";

    [Fact]
    public async Task Full_then_deltas_with_inserts_updates_deletes_and_key_changes_keep_the_destination_equal_to_the_source()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "GLTran");
        await sample.EnableAsync(entry);
        Assert.Equal(0, await sample.FullCopyAsync(entry));
        var full = sample.SourceRows(entry);
        Assert.Equal(5, full.Count);
        Assert.Equal(full, sample.DestinationRows(entry));
        Assert.Equal((0L, "Full"), ((await sample.StateAsync(entry))!.LastSyncedVersion, (await sample.StateAsync(entry))!.LastMethod));

        sample.Source($"UPDATE GLTran SET TranDesc = 'updated', CrAmt = 12.34 WHERE {Line(1)};");
        sample.Source($"UPDATE GLTran SET LineNbr = 100 WHERE {Line(2)};");
        sample.Source($"DELETE FROM GLTran WHERE {Line(3)};");
        sample.CloneSourceRow("GLTran", Line(0), new Dictionary<string, string> { ["LineNbr"] = "200", ["TranDesc"] = "'inserted'" });
        sample.Source($"UPDATE GLTran SET TranDesc = 'not ours' WHERE {Line(6)};");        // company 0020
        sample.Source($"UPDATE GLTran SET CpnyID = '0020      ' WHERE {Line(4)};");         // leaves 0010
        var destinationTable = ReplicationSample.Q(entry.DestinationTable);
        var systemIdOfRow0 = sample.Column(Bc, $"SELECT \"$systemId\" FROM {destinationTable} WHERE LineNbr = 0").Single();

        var first = await sample.DeltaAsync(entry);
        Assert.Equal((2, 1, 3), (first.Inserted, first.Updated, first.Deleted));
        Assert.Equal(0, first.FromVersion);
        Assert.Equal(await ChangeReader.CurrentVersionAsync(sample.AppEndpoint, CancellationToken.None), first.ToVersion);
        Assert.Equal(sample.SourceRows(entry), sample.DestinationRows(entry));
        Assert.Equal(["0", "1", "100", "200"], sample.Column(Bc, $"SELECT LineNbr FROM {destinationTable} ORDER BY LineNbr"));
        var state = (await sample.StateAsync(entry))!;
        Assert.Equal((first.ToVersion, "Delta"), (state.LastSyncedVersion!.Value, state.LastMethod));

        // The staging table's NOT NULL system columns got values on insert, and kept them on update.
        Assert.Equal(0, sample.Scalar(Bc, $"SELECT COUNT(*) FROM {destinationTable} WHERE \"$systemId\" IS NULL OR \"timestamp\" IS NULL OR \"$systemCreatedAt\" IS NULL"));
        Assert.Equal(4, sample.Scalar(Bc, $"SELECT COUNT(DISTINCT \"$systemId\") FROM {destinationTable}"));
        Assert.Equal(systemIdOfRow0, sample.Column(Bc, $"SELECT \"$systemId\" FROM {destinationTable} WHERE LineNbr = 0").Single());

        // Nothing changed: nothing to write, the version stays.
        var idle = await sample.DeltaAsync(entry);
        Assert.Equal((0, 0, 0, first.ToVersion, first.ToVersion), (idle.Inserted, idle.Updated, idle.Deleted, idle.FromVersion, idle.ToVersion));

        // Row 4 comes back to 0010 and row 100 changes its key again.
        sample.Source($"UPDATE GLTran SET CpnyID = '0010      ' WHERE {Line(4)};");
        sample.Source("UPDATE GLTran SET BatNbr = 'B2        ' WHERE LineNbr = 100;");
        var second = await sample.DeltaAsync(entry);
        Assert.Equal((2, 0, 1), (second.Inserted, second.Updated, second.Deleted));
        Assert.Equal(sample.SourceRows(entry), sample.DestinationRows(entry));
        var verified = await new TableVerifier().VerifyAsync(sample.Copy.Source, sample.Destination, entry, CancellationToken.None);
        Assert.True(verified.Status == VerificationStatus.Match, verified.ToString());
        Assert.Equal(5, verified.SourceRows);
    }

    [Fact]
    public async Task Shared_tables_and_company_keyed_tables_take_deltas_too()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var account = await sample.EntryAsync("0010", "Account");
        var hist = await sample.EntryAsync("0010", "AcctHist");
        Assert.False(account.FilteredByCompany);
        await sample.EnableAsync(account, hist);
        await sample.FullCopyAsync(account);
        await sample.FullCopyAsync(hist);

        sample.Source("UPDATE Account SET Descr = 'renamed' WHERE rowid = 1; DELETE FROM Account WHERE rowid = 2;");
        sample.Source("UPDATE AcctHist SET BegBal = BegBal + 100; DELETE FROM AcctHist WHERE rowid = (SELECT MIN(rowid) FROM AcctHist WHERE rtrim(CpnyID) = '0010');");
        var accountResult = await sample.DeltaAsync(account);
        var histResult = await sample.DeltaAsync(hist);

        Assert.Equal((0, 1, 1), (accountResult.Inserted, accountResult.Updated, accountResult.Deleted));
        Assert.Equal(1, histResult.Deleted);
        Assert.Equal(sample.SourceRows(hist).Count, histResult.Updated);
        Assert.Equal(sample.SourceRows(account), sample.DestinationRows(account));
        Assert.Equal(sample.SourceRows(hist), sample.DestinationRows(hist));
    }

    [Fact]
    public async Task A_failure_between_apply_and_commit_leaves_rows_and_version_unchanged_and_a_retry_converges()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "GLTran");
        await sample.EnableAsync(entry);
        await sample.FullCopyAsync(entry);
        var before = sample.DestinationRows(entry);

        sample.Source($"UPDATE GLTran SET TranDesc = 'updated' WHERE {Line(1)};");
        sample.Source($"UPDATE GLTran SET LineNbr = 100 WHERE {Line(2)};");
        sample.Source($"DELETE FROM GLTran WHERE {Line(3)};");
        sample.CloneSourceRow("GLTran", Line(0), new Dictionary<string, string> { ["LineNbr"] = "200" });
        Assert.NotEqual(sample.SourceRows(entry), before);

        var reached = false;
        var failing = new DeltaApplierOptions
        {
            BeforeCommit = async _ =>
            {
                // The rows and the version are written, in the transaction, and not visible to another connection.
                reached = true;
                await Task.Yield();
                throw new InvalidOperationException("injected failure before commit");
            },
        };
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => sample.DeltaAsync(entry, failing));
        Assert.Equal("injected failure before commit", failure.Message);
        Assert.True(reached);
        Assert.Equal(before, sample.DestinationRows(entry));
        Assert.Equal(0, (await sample.StateAsync(entry))!.LastSyncedVersion);

        // A failure of the database itself halfway through the rows (a trigger refuses the last insert): the same.
        var table = ReplicationSample.Q(entry.DestinationTable);
        sample.Bc($"CREATE TRIGGER fail_insert BEFORE INSERT ON {table} WHEN NEW.LineNbr = 200 BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        var refused = await Assert.ThrowsAsync<CmException>(() => sample.DeltaAsync(entry));
        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, sample.DestinationRows(entry));
        Assert.Equal(0, (await sample.StateAsync(entry))!.LastSyncedVersion);
        sample.Bc("DROP TRIGGER fail_insert;");

        // The retry reads from the unchanged version and converges, without duplicates.
        var retry = await sample.DeltaAsync(entry);
        Assert.Equal((2, 1, 2), (retry.Inserted, retry.Updated, retry.Deleted));
        Assert.Equal(sample.SourceRows(entry), sample.DestinationRows(entry));
        Assert.Equal(sample.Scalar(Bc, $"SELECT COUNT(*) FROM {table}"), sample.Scalar(Bc, $"SELECT COUNT(*) FROM (SELECT DISTINCT Module, BatNbr, LineNbr FROM {table})"));
        Assert.Equal(retry.ToVersion, (await sample.StateAsync(entry))!.LastSyncedVersion);
    }

    [Fact]
    public async Task The_same_changes_are_not_applied_twice_and_a_full_verdict_is_refused()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "GLTran");
        await sample.EnableAsync(entry);
        await sample.FullCopyAsync(entry);
        sample.CloneSourceRow("GLTran", Line(0), new Dictionary<string, string> { ["LineNbr"] = "200" });
        var changes = await sample.ChangesAsync(entry);
        await new DeltaApplier().ApplyAsync(sample.Destination, entry, changes, CancellationToken.None);
        var after = sample.DestinationRows(entry);

        var again = await Assert.ThrowsAsync<CmException>(() => new DeltaApplier().ApplyAsync(sample.Destination, entry, changes, CancellationToken.None));
        Assert.Equal(ErrorIds.SyncStateConflict, again.ErrorId);
        Assert.Contains("read from version 0", again.Message, StringComparison.Ordinal);
        Assert.Equal(after, sample.DestinationRows(entry));

        // Two applies of the same changes at once: one wins, the other finds the version moved.
        sample.CloneSourceRow("GLTran", Line(0), new Dictionary<string, string> { ["LineNbr"] = "201" });
        var next = await sample.ChangesAsync(entry);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                await new DeltaApplier().ApplyAsync(sample.Destination, entry, next, CancellationToken.None);
                return "applied";
            }
            catch (CmException ex)
            {
                return ex.ErrorId;
            }
        })));
        Assert.Equal([ErrorIds.SyncStateConflict, "applied"], outcomes.Order(StringComparer.Ordinal));
        Assert.Equal(sample.SourceRows(entry), sample.DestinationRows(entry));

        // Not synced at all (the full copy's protocol cleared the state and never finished): the reader says full, the applier refuses.
        await SyncStateStore.SetAsync(sample.Destination, SyncState.For(entry), CancellationToken.None);
        var unsynced = await sample.ChangesAsync(entry);
        Assert.True(unsynced.RequiresFull);
        var refused = await Assert.ThrowsAsync<CmException>(() => new DeltaApplier().ApplyAsync(sample.Destination, entry, unsynced, CancellationToken.None));
        Assert.Equal(ErrorIds.ReplicationRequiresFull, refused.ErrorId);
    }
}
