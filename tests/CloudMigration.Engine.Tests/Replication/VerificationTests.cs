using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.TablePlanning;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>Verification of plan entries on the SQLite sample: a copy matches; rows changed, missing or extra behind the tool's back do not.</summary>
public sealed class VerificationTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Bc = SampleEnvironmentBuilder.DestinationDatabase;

    private static Task<TableVerification> VerifyAsync(ReplicationSample sample, TablePlanEntry entry) =>
        new TableVerifier().VerifyAsync(sample.Copy.Source, sample.Destination, entry, CancellationToken.None);

    [Fact]
    public async Task Tables_copied_in_full_match_including_float_to_decimal_and_shared_tables()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        foreach (var (company, table) in new[] { ("0010", "GLTran"), ("0010", "AcctHist"), ("0010", "Account"), ("0020", "GLTran") })
        {
            var entry = await sample.EntryAsync(company, table);
            var before = await VerifyAsync(sample, entry);
            Assert.Equal(VerificationStatus.Mismatch, before.Status);
            Assert.Equal(0, before.DestinationRows);
            Assert.Equal(before.SourceRows, before.MissingInDestination);

            await sample.FullCopyAsync(entry);
            var after = await VerifyAsync(sample, entry);
            Assert.True(after.Status == VerificationStatus.Match, after.ToString());
            Assert.Equal(sample.SourceRows(entry).Count, after.SourceRows);
            Assert.Equal(after.SourceRows, after.DestinationRows);
            Assert.Equal((0L, 0L, 0L), (after.MissingInDestination, after.ExtraInDestination, after.Different));
            Assert.Empty(after.SampleKeys);
            Assert.True(after.SourceRows > 0);
        }
    }

    [Fact]
    public async Task A_row_changed_behind_the_tools_back_a_missing_row_and_an_extra_row_are_each_caught()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "GLTran");
        await sample.FullCopyAsync(entry);
        var table = ReplicationSample.Q(entry.DestinationTable);

        sample.Bc($"UPDATE {table} SET CrAmt = CrAmt + 0.01 WHERE LineNbr = 1;");
        sample.Bc($"DELETE FROM {table} WHERE LineNbr = 3;");
        sample.Bc($"CREATE TEMP TABLE extra AS SELECT * FROM {table} WHERE LineNbr = 4; UPDATE extra SET LineNbr = 40; INSERT INTO {table} SELECT * FROM extra;");

        var result = await VerifyAsync(sample, entry);
        Assert.Equal(VerificationStatus.Mismatch, result.Status);
        Assert.Equal((5L, 5L), (result.SourceRows, result.DestinationRows));
        Assert.Equal((1L, 1L, 1L), (result.MissingInDestination, result.ExtraInDestination, result.Different));
        Assert.Equal(
            [
                "Different: Module=01, BatNbr=00000001, LineNbr=1",
                "MissingInDestination: Module=03, BatNbr=00000003, LineNbr=3",
                "ExtraInDestination: Module=04, BatNbr=00000004, LineNbr=40",
            ],
            result.SampleKeys.Select(k => k.ToString()));
        Assert.Contains("missing 1, extra 1, different 1", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_row_changed_without_change_capture_shows_as_different_until_copied_again()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        var entry = await sample.EntryAsync("0010", "AcctHist");
        await sample.FullCopyAsync(entry);
        sample.Source("UPDATE AcctHist SET LUpd_User = 'SOMEONE' WHERE rowid = (SELECT MIN(rowid) FROM AcctHist WHERE rtrim(CpnyID) = '0010');");

        var result = await VerifyAsync(sample, entry);
        Assert.Equal(1, result.Different);
        Assert.StartsWith("Different: CpnyID=0010, Acct=", Assert.Single(result.SampleKeys).ToString(), StringComparison.Ordinal);

        await sample.FullCopyAsync(entry);
        Assert.Equal(VerificationStatus.Match, (await VerifyAsync(sample, entry)).Status);
    }

    [Fact]
    public async Task Padding_and_rounding_to_the_destination_scale_are_not_differences_but_other_values_are()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        // SL: char(10) key, char(20) text, float amount; BC: nvarchar, decimal(18,2), trimmed text as BC keeps it.
        SamplePlan.CreateTable(sample.Copy, ReplicationSample.App,
            new TableSchema("Amounts", [new("CpnyID", "char(10)"), new("Code", "char(10)"), new("Descr", "char(20)"), new("Amount", "float"), new("tstamp", "timestamp")], ["CpnyID", "Code"]),
            [
                ["0010      ", "A         ", "first               ", 1.004, new byte[8]],
                ["0010      ", "B         ", "second              ", 2.125, new byte[8]],
                ["0010      ", "C         ", "third               ", 3.0, new byte[8]],
                ["0020      ", "A         ", "other company       ", 9.0, new byte[8]],
            ]);
        SamplePlan.CreateTable(sample.Copy, Bc,
            new TableSchema("0010$Amounts", [new("CpnyID", "nvarchar(10)"), new("Code", "nvarchar(10)"), new("Descr", "nvarchar(20)"), new("Amount", "decimal(18,2)")], ["CpnyID", "Code"]),
            [["0010", "A", "first", 1.0], ["0010", "B", "second", 2.13], ["0010", "C", "third", 3]]);
        var entry = new TablePlanEntry
        {
            Company = "0010", SourceDatabase = ReplicationSample.App, SourceTable = "Amounts", DestinationTable = "0010$Amounts",
            CopyMethod = CopyMethod.Delta, Reason = "test", KeyColumns = new NameList(["CpnyID", "Code"]), FilteredByCompany = true, Status = PlanStatus.Ready,
            Columns = new ColumnMappingList(
            [
                new ColumnMapping("CpnyID", "CpnyID", "char(10)", "nvarchar(10)"), new ColumnMapping("Code", "Code", "char(10)", "nvarchar(10)"),
                new ColumnMapping("Descr", "Descr", "char(20)", "nvarchar(20)"), new ColumnMapping("Amount", "Amount", "float", "decimal(18,2)"),
            ]),
        };

        var result = await VerifyAsync(sample, entry);
        Assert.True(result.Status == VerificationStatus.Match, result.ToString());
        Assert.Equal((3L, 3L), (result.SourceRows, result.DestinationRows));

        sample.Bc("UPDATE \"0010$Amounts\" SET Amount = 2.12 WHERE Code = 'B'; UPDATE \"0010$Amounts\" SET Descr = ' third' WHERE Code = 'C';");
        var changed = await VerifyAsync(sample, entry);
        Assert.Equal(2, changed.Different);
        Assert.Equal(["Different: CpnyID=0010, Code=B", "Different: CpnyID=0010, Code=C"], changed.SampleKeys.Select(k => k.ToString()));
    }

    [Fact]
    public async Task Keys_that_do_not_come_in_the_compared_order_fail_the_verification_instead_of_reporting_differences()
    {
        using var sample = new ReplicationSample(fixture.Folder);
        // The plan says the key is an int, but the source holds it as text: '10' sorts before '9' there.
        SamplePlan.CreateTable(sample.Copy, ReplicationSample.App, new TableSchema("Numbers", [new("Nbr", "text"), new("tstamp", "timestamp")], ["Nbr"]),
            [["9", new byte[8]], ["10", new byte[8]]]);
        SamplePlan.CreateTable(sample.Copy, Bc, new TableSchema("0010$Numbers", [new("Nbr", "int")], ["Nbr"]), [[9], [10]]);
        var entry = new TablePlanEntry
        {
            Company = "0010", SourceDatabase = ReplicationSample.App, SourceTable = "Numbers", DestinationTable = "0010$Numbers",
            CopyMethod = CopyMethod.Full, Reason = "test", KeyColumns = new NameList(["Nbr"]), FilteredByCompany = false, Status = PlanStatus.Ready,
            Columns = new ColumnMappingList([new ColumnMapping("Nbr", "Nbr", "int", "int")]),
        };

        var ex = await Assert.ThrowsAsync<CmException>(() => VerifyAsync(sample, entry));
        Assert.Equal(ErrorIds.VerificationOrderMismatch, ex.ErrorId);
        Assert.Contains("the source returned the key (Nbr=9) after (Nbr=10)", ex.Message, StringComparison.Ordinal);
    }
}
