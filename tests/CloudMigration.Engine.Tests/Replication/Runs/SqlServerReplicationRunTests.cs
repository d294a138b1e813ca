using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Replication.Runs;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Conformance;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.Setup;

namespace CloudMigration.Engine.Tests.Replication.Runs;

/// <summary>
/// The replication run path on a real SQL Server (CM_TEST_SQLSERVER): the sample copied to SL- and BC-shaped databases
/// there (SqlServerSample, change tracking on), setup through SetupService, then a Full and a Normal run through
/// ReplicationService and the local factory, so the stage queries, the staging tables, CHANGETABLE and cm.ApplyTable run
/// as T-SQL. Skipped without a server; the T-SQL itself is parsed by ReplicationScriptDomTests everywhere.
/// </summary>
[Collection(ReplicationRunCollection.Name)]
public sealed class SqlServerReplicationRunTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Company = "0010";

    private static string Line(int line) => $"CpnyID = '{Company}' AND Module = '{line:00}' AND LineNbr = {line}";

    [SkippableFact]
    public async Task Setup_then_a_full_and_a_normal_run_replicate_inserts_updates_and_deletes_on_sql_server()
    {
        Skip.IfNot(SqlServerConformanceFixture.Available, $"Set {SqlServerConformanceFixture.EnvironmentVariable} to run the SQL Server replication run test.");
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        await using var server = await SqlServerSample.CopyAsync(harness.Sample);
        var setup = await harness.StartAsync(new SetupRequest { Source = server.Source, Destination = server.Destination, Companies = [Company], Timeout = TimeSpan.FromMinutes(5) });
        Assert.True(setup.Status == SetupStatus.Ready, setup.Message + " | " + string.Join(" | ", setup.Steps.Select(s => $"{s.Name} {s.Status} {s.Message}")));
        var service = new ReplicationService(harness.Factories) { PollInterval = TimeSpan.FromMilliseconds(200) };
        var request = new ReplicationRequest { Wait = true, Source = server.Source };

        var first = await service.StartAsync(server.Destination, request, null, CancellationToken.None);

        var firstResults = await service.GetTableResultsAsync(server.Destination, first.RunId, CancellationToken.None);
        Assert.True(first.Status == ReplicationRunStatus.UpgradePending, Describe(first, firstResults));
        Assert.Equal(ReplicationRunType.Full, first.Type);
        Assert.All(firstResults, r => Assert.Equal(ReplicationCopyType.Full, r.CopyType));
        Assert.True(first.RecordsCopied > 0);
        await AssertAllMatchAsync(server, firstResults.Count);

        // Between the runs: an update (with a float amount), a key change, a delete and an insert.
        var gl = SlCatalog.Default.Tables.Single(t => t.Name == "GLTran");
        var columns = gl.Fields.Select(f => "[" + f.Name + "]").ToList();
        var copied = gl.Fields.Select(f => f.Name == "LineNbr" ? "500 AS [LineNbr]" : "[" + f.Name + "]");
        await server.ExecuteAsync(SampleCompany.MainApplicationDatabase,
            $"UPDATE dbo.GLTran SET TranDesc = 'updated', CrAmt = 12.34 WHERE {Line(1)};" +
            $"UPDATE dbo.GLTran SET LineNbr = 100 WHERE {Line(2)};" +
            $"DELETE FROM dbo.GLTran WHERE {Line(3)};" +
            $"INSERT INTO dbo.GLTran ({string.Join(", ", columns)}) SELECT {string.Join(", ", copied)} FROM dbo.GLTran WHERE {Line(4)};");

        var second = await service.StartAsync(server.Destination, request, null, CancellationToken.None);

        var results = await service.GetTableResultsAsync(server.Destination, second.RunId, CancellationToken.None);
        Assert.True(second.Status == ReplicationRunStatus.UpgradePending, Describe(second, results));
        Assert.Equal(ReplicationRunType.Normal, second.Type);
        var glResult = results.Single(r => r.SourceTable == "GLTran");
        Assert.Equal(ReplicationCopyType.Delta, glResult.CopyType);
        // Staged: row 1 written, row 2's old key deleted and row 100 written, row 3 deleted, row 500 written.
        Assert.Equal(5, glResult.RecordsCopied);
        Assert.Contains(results, r => r.CopyType == ReplicationCopyType.Delta && r.SourceTable != "GLTran" && r.RecordsCopied == 0);
        await AssertAllMatchAsync(server, results.Count);
    }

    private static async Task AssertAllMatchAsync(SqlServerSample server, int tables)
    {
        var verification = await new ReplicationVerificationService().VerifyAsync(server.Source, server.Destination, [Company], [], null, CancellationToken.None);
        Assert.True(verification.AllMatch, string.Join(" | ", verification.Results.Where(r => r.Status != VerificationStatus.Match).Select(r => r.ToString())
            .Concat(verification.Errors.Select(e => e.Message))));
        Assert.Equal(tables, verification.Results.Count);
    }

    private static string Describe(ReplicationRun run, IEnumerable<ReplicationTableResult> results) =>
        run.Status + ": " + run.Message + " | " + string.Join(" | ", results.Where(r => r.Status != ReplicationTableStatus.Successful).Select(r => $"{r} {r.Status} {r.ErrorMessage}"));
}
