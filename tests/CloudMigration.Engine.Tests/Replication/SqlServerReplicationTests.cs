using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Tests.Conformance;
using Microsoft.Data.SqlClient;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>
/// Change tracking, delta apply and verification on a real SQL Server (CHANGETABLE, cm.SyncState, the apply statements,
/// the BIN2 ordering), in the scratch database of SqlServerConformanceFixture. They run when CM_TEST_SQLSERVER is set and
/// are skipped otherwise; the T-SQL itself is parsed by ReplicationScriptDomTests everywhere.
/// </summary>
public sealed class SqlServerReplicationTests(SqlServerConformanceFixture fixture) : IClassFixture<SqlServerConformanceFixture>
{
    [SkippableFact]
    public async Task Change_tracking_deltas_apply_and_verify_on_sql_server()
    {
        Skip.If(!SqlServerConformanceFixture.Available, $"Set {SqlServerConformanceFixture.EnvironmentVariable} to run the SQL Server replication tests.");
        var scratch = fixture.Endpoints!.Scratch;
        var source = "cm_repl_" + Guid.NewGuid().ToString("N")[..8];
        var destination = "0010$" + source;
        await ExecuteAsync(scratch.Database,
            $"CREATE TABLE dbo.[{source}] (CpnyID char(10) NOT NULL, Code char(10) NOT NULL, Descr char(30) NOT NULL, Amount float NOT NULL, tstamp timestamp NOT NULL, " +
            $"CONSTRAINT [PK_{source}] PRIMARY KEY (CpnyID, Code));" +
            $"CREATE TABLE dbo.[{destination}] (CpnyID nvarchar(10) NOT NULL, Code nvarchar(10) NOT NULL, Descr nvarchar(30) NOT NULL, Amount decimal(38,20) NOT NULL, " +
            $"CONSTRAINT [PK_{destination}] PRIMARY KEY (CpnyID, Code));");
        var entry = new TablePlanEntry
        {
            Company = "0010", SourceDatabase = scratch.Database, SourceTable = source, DestinationTable = destination, CopyMethod = CopyMethod.Delta, Reason = "test",
            KeyColumns = new NameList(["CpnyID", "Code"]), FilteredByCompany = true, Status = PlanStatus.Ready,
            Columns = new ColumnMappingList(
            [
                new ColumnMapping("CpnyID", "CpnyID", "char(10)", "nvarchar(10)"), new ColumnMapping("Code", "Code", "char(10)", "nvarchar(10)"),
                new ColumnMapping("Descr", "Descr", "char(30)", "nvarchar(30)"), new ColumnMapping("Amount", "Amount", "float", "decimal(38,20)"),
            ]),
        };
        var table = ReplicatedTable.From(entry);

        await ChangeCapture.EnableAsync(scratch, [new ChangeCapture.TrackedTable(source, table.KeyColumns)], CancellationToken.None);
        await ChangeCapture.EnableAsync(scratch, [new ChangeCapture.TrackedTable(source, table.KeyColumns)], CancellationToken.None); // idempotent
        var start = await ChangeReader.CurrentVersionAsync(scratch, CancellationToken.None);
        Assert.NotNull(start);
        await SyncStateStore.SetAsync(scratch, SyncState.For(entry) with { LastSyncedVersion = start, LastMethod = "Full" }, CancellationToken.None);

        await ExecuteAsync(scratch.Database,
            $"INSERT INTO dbo.[{source}] (CpnyID, Code, Descr, Amount) VALUES ('0010', 'A', 'first', 1.5), ('0010', 'B', 'second', 2.25), ('0010', 'C', 'third', 3), ('0020', 'A', 'other', 9);" +
            $"UPDATE dbo.[{source}] SET Descr = 'changed' WHERE CpnyID = '0010' AND Code = 'A';" +
            $"UPDATE dbo.[{source}] SET Code = 'D' WHERE CpnyID = '0010' AND Code = 'C';" +
            $"DELETE FROM dbo.[{source}] WHERE CpnyID = '0010' AND Code = 'B';");

        var changes = await ChangeReader.ReadAsync(scratch, table, start, CancellationToken.None);
        Assert.False(changes.RequiresFull, changes.FullReason);
        Assert.Equal(["A", "D"], changes.Upserts.Select(r => ((string)r[1]!).TrimEnd()).Order(StringComparer.Ordinal));
        Assert.Equal(["B", "C"], changes.DeletedKeys.Select(k => ((string)k[1]!).TrimEnd()).Order(StringComparer.Ordinal));
        var applied = await new DeltaApplier().ApplyAsync(scratch, entry, changes, CancellationToken.None);
        Assert.Equal((2, 0, 0), (applied.Inserted, applied.Updated, applied.Deleted));

        var verified = await new TableVerifier().VerifyAsync(scratch, scratch, entry, CancellationToken.None);
        Assert.True(verified.Status == VerificationStatus.Match, verified.ToString());
        Assert.Equal(2, verified.SourceRows);

        await ExecuteAsync(scratch.Database, $"UPDATE dbo.[{destination}] SET Amount = Amount + 1 WHERE Code = N'D';");
        Assert.Equal(1, (await new TableVerifier().VerifyAsync(scratch, scratch, entry, CancellationToken.None)).Different);

        // The same delta cannot be applied twice.
        var again = await Assert.ThrowsAsync<Errors.CmException>(() => new DeltaApplier().ApplyAsync(scratch, entry, changes, CancellationToken.None));
        Assert.Equal(Errors.ErrorIds.SyncStateConflict, again.ErrorId);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        var builder = new SqlConnectionStringBuilder(SqlServerConformanceFixture.ConnectionString) { InitialCatalog = database, Pooling = false };
        await using var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
