using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Conformance;

namespace CloudMigration.Engine.Tests.Setup;

/// <summary>
/// The setup's control schema on a real SQL Server (CM_TEST_SQLSERVER): created twice without harm, written, read back
/// with the same values, dropped; the source objects created and dropped. Skipped without a server.
/// </summary>
public sealed class SqlServerSetupStateTests(SqlServerConformanceFixture fixture) : IClassFixture<SqlServerConformanceFixture>
{
    [SkippableFact]
    public async Task The_control_schema_round_trips_the_setup_state_and_drops_cleanly()
    {
        Skip.IfNot(SqlServerConformanceFixture.Available, $"{SqlServerConformanceFixture.EnvironmentVariable} is not set.");
        var destination = fixture.Endpoints!.Destination;
        var store = new SetupStateStore(destination);
        Assert.Null(await store.ReadAsync(CancellationToken.None));

        await store.EnsureSchemaAsync(CancellationToken.None);
        await store.EnsureSchemaAsync(CancellationToken.None);
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var state = new SetupState
        {
            SetupId = Guid.NewGuid().ToString("D"), Source = "Server=sl;Database=SLSystem", SourceKind = "SqlServer", Fingerprint = "f",
            Companies = ["0010", "0020"], ResourceSuffix = "abcdef12", StartedAt = now, UpdatedAt = now, Steps = SetupState.NewSteps(),
            Factory = "cm-01", IntegrationRuntime = "cm-ir-01", IntegrationRuntimeCreated = true, BatchCount = 8,
        };
        state.Step(SetupStepName.ControlSchema).Status = SetupStepStatus.Completed;
        state.Step(SetupStepName.ControlSchema).CompletedAt = now.AddSeconds(1);
        await store.SaveAsync(state, CancellationToken.None);
        await store.SaveAsync(state, CancellationToken.None);
        await store.SaveCompatibilityAsync(
        [
            new CompatibilityResult { Check = "CompatibilityLevel", Target = "SLApp", TargetType = CompatibilityTargetType.Database, Status = CompatibilityStatus.Failed, Code = 50001, Message = "below 130", RecommendedAction = "ALTER DATABASE [SLApp] SET COMPATIBILITY_LEVEL = 130;" },
        ], CancellationToken.None);
        await store.SavePlanAsync([], [], CancellationToken.None);

        var read = await store.ReadAsync(CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(state.SetupId, read!.State.SetupId);
        Assert.Equal(["0010", "0020"], read.State.Companies);
        Assert.True(read.State.IntegrationRuntimeCreated);
        Assert.Equal(8, read.State.BatchCount);
        Assert.Equal(SetupStepStatus.Completed, read.State.Step(SetupStepName.ControlSchema).Status);
        Assert.Equal(now.AddSeconds(1), read.State.Step(SetupStepName.ControlSchema).CompletedAt);
        Assert.Equal(50001, Assert.Single(read.Compatibility).Code);

        await store.DropAsync(CancellationToken.None);
        Assert.Null(await store.ReadAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_source_objects_are_created_by_their_scripts_and_dropped()
    {
        Skip.IfNot(SqlServerConformanceFixture.Available, $"{SqlServerConformanceFixture.EnvironmentVariable} is not set.");
        var source = fixture.Endpoints!.Source;
        var provider = Engine.Connections.SqlProviders.For(source);
        await using (var connection = await provider.OpenAsync(source, write: true, CancellationToken.None))
        {
            foreach (var script in new[] { ControlSchema.CreateSourceObjectsScript, ControlSchema.CreateSourceProceduresScript })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = provider.Dialect.Script(script);
                await command.ExecuteNonQueryAsync();
            }

            await using var call = connection.CreateCommand();
            call.CommandText = "EXEC cm.GetChangeVersion;";
            await using var reader = await call.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("1", reader.GetString(1));
        }

        await SourceObjects.DropAsync(source, CancellationToken.None);
        await SourceObjects.DropAsync(source, CancellationToken.None);
    }
}
