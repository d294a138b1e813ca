using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.Setup;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>
/// Test-CmReplication's engine on the sample: a setup, its replication pipeline run on the local factory, then every table
/// of the plan verified; a destination row changed behind the tool's back is a Mismatch naming its key; a table that
/// cannot be read is an Error result and the others are still verified.
/// </summary>
public sealed class ReplicationVerificationServiceTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static readonly string[] Company = ["0010"];

    [Fact]
    public async Task After_a_replication_run_every_table_matches_and_a_row_changed_behind_the_tools_back_is_a_mismatch()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var setup = await harness.StartAsync();
        Assert.True(setup.Status == SetupStatus.Ready, setup.Message);
        var service = new ReplicationVerificationService();
        var source = harness.Sample.Source;
        var destination = harness.Sample.Destination;

        var before = await service.VerifyAsync(source, destination, Company, ["GLTran"], null, CancellationToken.None);
        var notCopied = Assert.Single(before.Results);
        Assert.Equal(VerificationStatus.Mismatch, notCopied.Status);
        Assert.Equal(0, notCopied.DestinationRows);
        Assert.Equal(notCopied.SourceRows, notCopied.Missing);
        Assert.False(before.AllMatch);

        await ReplicateAsync(harness, setup);
        var reports = new List<OperationProgress>();
        var all = await service.VerifyAsync(source, destination, Company, [], new SyncProgress(reports.Add), CancellationToken.None);

        Assert.Equal(setup.Tables, all.Results.Count);
        Assert.All(all.Results, r => Assert.True(r.Status == VerificationStatus.Match, r.ToString()));
        Assert.True(all.AllMatch);
        Assert.Empty(all.Errors);
        Assert.Contains(all.Results, r => r.SourceRows > 0);
        Assert.All(all.Results, r => Assert.Equal((r.SourceRows, 0L, 0L, 0L, string.Empty), (r.DestinationRows, r.Missing, r.Extra, r.Different, r.SampleKeys)));
        Assert.Contains(reports, p => p.Status.StartsWith("0010: GLTran (", StringComparison.Ordinal));
        Assert.True(reports[^1].Completed);

        var glTran = all.Results.Single(r => r.SourceTable == "GLTran");
        Execute(harness, $"UPDATE \"{glTran.DestinationTable}\" SET CrAmt = CrAmt + 0.01 WHERE LineNbr = 1;");
        var after = await service.VerifyAsync(source, destination, Company, ["GLT*"], null, CancellationToken.None);

        var changed = Assert.Single(after.Results);
        Assert.Equal(VerificationStatus.Mismatch, changed.Status);
        Assert.Equal((0L, 0L, 1L), (changed.Missing, changed.Extra, changed.Different));
        Assert.Equal("Different: Module=01, BatNbr=00000001, LineNbr=1", changed.SampleKeys);
        Assert.False(after.AllMatch);

        // A table without a key is compared on all its columns: a changed row is one missing and one extra row.
        var poAddress = all.Results.Single(r => r.SourceTable == "POAddress");
        Assert.True(poAddress.SourceRows > 0);
        Execute(harness, $"UPDATE \"{poAddress.DestinationTable}\" SET City = 'Elsewhere' WHERE rowid = (SELECT MIN(rowid) FROM \"{poAddress.DestinationTable}\");");
        var unkeyed = Assert.Single((await service.VerifyAsync(source, destination, Company, ["POAddress"], null, CancellationToken.None)).Results);
        Assert.Equal(VerificationStatus.Mismatch, unkeyed.Status);
        Assert.Equal((1L, 1L, 0L), (unkeyed.Missing, unkeyed.Extra, unkeyed.Different));

        // The destination table's name selects it as well as the source table's.
        var byDestination = await service.VerifyAsync(source, destination, Company, [glTran.DestinationTable], null, CancellationToken.None);
        Assert.Equal("GLTran", Assert.Single(byDestination.Results).SourceTable);
    }

    [Fact]
    public async Task A_table_that_cannot_be_read_is_an_error_result_and_the_others_are_still_verified()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var setup = await harness.StartAsync();
        Assert.True(setup.Status == SetupStatus.Ready, setup.Message);
        await ReplicateAsync(harness, setup);
        var destinationTables = (await new ReplicationVerificationService().VerifyAsync(harness.Sample.Source, harness.Sample.Destination, Company, ["GLTran"], null, CancellationToken.None))
            .Results.Single().DestinationTable;

        // The table goes away after the plan is built, just before it is compared.
        var progress = new SyncProgress(p =>
        {
            if (p.Status.StartsWith("0010: GLTran (", StringComparison.Ordinal))
            {
                Execute(harness, $"DROP TABLE \"{destinationTables}\";");
            }
        });
        var verification = await new ReplicationVerificationService().VerifyAsync(harness.Sample.Source, harness.Sample.Destination, Company, ["GLTran", "APDoc", "NoSuchTable"], progress, CancellationToken.None);

        Assert.Equal(2, verification.Results.Count);
        var failed = verification.Results.Single(r => r.SourceTable == "GLTran");
        Assert.Equal(VerificationStatus.Error, failed.Status);
        Assert.Null(failed.SourceRows);
        Assert.Null(failed.Different);
        Assert.Contains("0010/GLTran could not be verified", failed.Message, StringComparison.Ordinal);
        var error = Assert.Single(verification.Errors);
        Assert.Equal(ErrorIds.TableVerificationFailed, error.ErrorId);
        Assert.Equal("0010/GLTran", error.TargetObject);
        Assert.NotNull(error.InnerException);
        Assert.Equal(VerificationStatus.Match, verification.Results.Single(r => r.SourceTable == "APDoc").Status);
        Assert.Equal(["NoSuchTable"], verification.UnmatchedTables);
        Assert.False(verification.AllMatch);
    }

    [Fact]
    public async Task A_company_that_matches_nothing_is_reported()
    {
        var verification = await new ReplicationVerificationService().VerifyAsync(fixture.Sample.Source, fixture.Sample.Destination,
            ["9999"], [], null, CancellationToken.None);

        Assert.Empty(verification.Results);
        Assert.Equal(["9999"], verification.UnmatchedCompanies);
        Assert.False(verification.AllMatch);
    }

    private static async Task ReplicateAsync(SetupHarness harness, MigrationSetup setup)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = await new PipelineRunService { PollInterval = TimeSpan.FromMilliseconds(20) }.InvokeAsync(await harness.FactoryAsync(), setup.Pipelines[0],
            new JsonObject { ["RequestId"] = "verify-" + Guid.NewGuid().ToString("N") }, wait: true, null, timeout.Token);
        Assert.True(run.Status == PipelineRunStatus.Succeeded, run.Message);
    }

    private static void Execute(SetupHarness harness, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.Sample.PathOf(SampleEnvironmentBuilder.DestinationDatabase), Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
