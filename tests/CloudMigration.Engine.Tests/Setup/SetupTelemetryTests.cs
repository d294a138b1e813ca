using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Telemetry;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.Telemetry;

namespace CloudMigration.Engine.Tests.Setup;

[Collection(TelemetryEnvironmentCollection.Name)]
public sealed class SetupTelemetryTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task A_setup_emits_its_events_with_counts_and_no_names_or_paths()
    {
        using var env = new TelemetryEnvironment();
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);

        var setup = await harness.StartAsync();

        // Other test classes may run setups at the same time and write here too; this run's events are among the lines.
        Assert.Equal(SetupStatus.Ready, setup.Status);
        var started = env.Lines(TelemetryEvents.SetupStarted.Id);
        Assert.Contains(started, l => l.GetProperty("dimensions").GetProperty("product").GetString() == "DynamicsSL" && l.GetProperty("measures").GetProperty("selectedCompanies").GetDouble() == 1);
        Assert.NotEmpty(env.Lines(TelemetryEvents.IntegrationRuntimeOnline.Id));
        Assert.NotEmpty(env.Lines(TelemetryEvents.PreparationStarted.Id));
        Assert.Contains(env.Lines(TelemetryEvents.PreparationCompleted.Id), l => l.GetProperty("dimensions").GetProperty("status").GetString() == "Succeeded");
        Assert.Contains(env.Lines(TelemetryEvents.ReplicationPipelineCreated.Id), l => l.GetProperty("measures").GetProperty("tables").GetDouble() == 60);
        var completed = env.Lines(TelemetryEvents.SetupCompleted.Id);
        Assert.Contains(completed, l => l.GetProperty("measures").GetProperty("totalCompanies").GetDouble() == 4
                                        && l.GetProperty("measures").GetProperty("selectedCompanies").GetDouble() == 1
                                        && l.GetProperty("measures").GetProperty("totalSizeMB").GetDouble() > 0
                                        && l.GetProperty("measures").GetProperty("durationMs").GetDouble() > 0);
        Assert.DoesNotContain(harness.Sample.Folder, env.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(SetupHarness.FactoryName, env.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.SetupId, env.Text, StringComparison.Ordinal);
    }
}
