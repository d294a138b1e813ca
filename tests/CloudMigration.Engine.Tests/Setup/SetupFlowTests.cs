using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Setup;

public sealed class SetupFlowTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task Setup_on_the_embedded_default_runs_every_step_and_leaves_an_idle_replication_pipeline()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);

        var setup = await harness.StartAsync();

        Assert.True(setup.Status == SetupStatus.Ready, setup.Message + " | " + string.Join(" | ", setup.Steps.Select(s => $"{s.Name} {s.Status} {s.Message}")));
        Assert.True(setup.Changed);
        Assert.All(setup.Steps, s => Assert.Equal(SetupStepStatus.Completed, s.Status));
        Assert.Equal(SetupHarness.FactoryName, setup.Factory);
        Assert.Equal(["0010"], setup.Companies);
        Assert.Equal(4, setup.SourceCompanies); // the sample's three active companies and one inactive
        Assert.Equal(60, setup.Tables);
        Assert.Equal(58, setup.DeltaTables); // the change log setup installs tracks every mapped table with a primary key
        Assert.Equal(2, setup.FullTables);
        Assert.NotNull(setup.IntegrationRuntime);
        Assert.Null(setup.IntegrationRuntimeKey);
        Assert.Equal(4, setup.BatchCount);
        Assert.Contains(setup.Compatibility, r => r.Check == "MigrationExtension");

        var suffix = SetupState.SuffixFor(setup.SetupId);
        var names = MigrationResourceNames.WithSuffix(suffix);
        Assert.Equal([names.ReplicationPipeline], setup.Pipelines);
        var factory = await harness.FactoryAsync();
        Assert.Equal([names.ReplicationPipeline], await factory.ListResourcesAsync(FactoryResourceKind.Pipeline, CancellationToken.None));
        Assert.Equal(2, (await factory.ListResourcesAsync(FactoryResourceKind.LinkedService, CancellationToken.None)).Count);
        Assert.Equal(2, (await factory.ListResourcesAsync(FactoryResourceKind.Dataset, CancellationToken.None)).Count);
        Assert.Equal(60, harness.Rows("SELECT TableId FROM cm_ReplicationTable").Count);
        Assert.Equal(["Ready"], harness.Rows("SELECT Status FROM cm_Setup"));

        // Get-CmSetup reads the same from the control schema.
        var read = await harness.Service().GetAsync(harness.Sample.Destination, CancellationToken.None);
        Assert.Equal(setup.SetupId, read.SetupId);
        Assert.Equal(setup.Status, read.Status);
        Assert.Equal(setup.Steps.Select(s => (s.Name, s.Status)), read.Steps.Select(s => (s.Name, s.Status)));
        Assert.Equal(setup.TablesByCopyMethod, read.TablesByCopyMethod);
    }

    [Fact]
    public async Task Running_setup_again_after_success_changes_nothing_and_says_so()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var first = await harness.StartAsync();
        var resources = await harness.ResourcesAsync();
        var state = harness.Rows("SELECT * FROM cm_SetupStep");

        var again = await harness.StartAsync();

        Assert.False(again.Changed);
        Assert.Equal(first.SetupId, again.SetupId);
        Assert.Contains("nothing changed", again.Message, StringComparison.Ordinal);
        Assert.Equal(resources, await harness.ResourcesAsync());
        Assert.Equal(state, harness.Rows("SELECT * FROM cm_SetupStep"));
    }

    [Fact]
    public async Task Setup_for_other_input_is_refused_without_Force_and_replaces_the_old_one_with_it()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var first = await harness.StartAsync();

        var refused = await Assert.ThrowsAsync<CmException>(() => harness.StartAsync(harness.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = ["0020"] })));
        Assert.Equal(ErrorIds.SetupExists, refused.ErrorId);
        Assert.Equal(CmErrorCategory.ResourceExists, refused.Category);
        Assert.Contains("0010", refused.Message, StringComparison.Ordinal);
        Assert.Equal(first.SetupId, (await harness.Service().GetAsync(harness.Sample.Destination, CancellationToken.None)).SetupId);

        var replaced = await harness.StartAsync(new SetupRequest { Source = harness.Sample.Source, Destination = harness.Sample.Destination, Companies = ["0020"], Force = true });

        Assert.Equal(SetupStatus.Ready, replaced.Status);
        Assert.NotEqual(first.SetupId, replaced.SetupId);
        Assert.Equal(["0020"], replaced.Companies);
        var resources = await harness.ResourcesAsync();
        Assert.DoesNotContain(resources, r => r.Contains(SetupState.SuffixFor(first.SetupId), StringComparison.Ordinal));
        Assert.Equal(5, resources.Count);
    }

    [Fact]
    public async Task Failed_compatibility_stops_with_the_failed_checks_and_leaves_nothing_in_the_factory_then_resumes_once_fixed()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        harness.Sample.Execute(SampleEnvironmentBuilder.DestinationDatabase, "CREATE TABLE saved_app AS SELECT * FROM \"NAV App Installed App\"; DELETE FROM \"NAV App Installed App\";");

        var ex = await Assert.ThrowsAsync<CmException>(() => harness.StartAsync());

        Assert.Equal(ErrorIds.SetupCompatibilityFailed, ex.ErrorId);
        Assert.Equal(CmErrorCategory.InvalidData, ex.Category);
        Assert.Contains("MigrationExtension", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ResourcesAsync());
        var failed = await harness.Service().GetAsync(harness.Sample.Destination, CancellationToken.None);
        Assert.Equal(SetupStatus.Failed, failed.Status);
        Assert.Equal(SetupStepStatus.Failed, failed.Steps.Single(s => s.Name == SetupStepName.Compatibility).Status);
        Assert.Equal(SetupStepStatus.NotStarted, failed.Steps.Single(s => s.Name == SetupStepName.LinkedServices).Status);
        Assert.Contains(failed.Compatibility, r => r.Check == "MigrationExtension" && r.Status == Engine.Compatibility.CompatibilityStatus.Failed);

        harness.Sample.Execute(SampleEnvironmentBuilder.DestinationDatabase, "INSERT INTO \"NAV App Installed App\" SELECT * FROM saved_app; DROP TABLE saved_app;");
        var resumed = await harness.StartAsync();

        Assert.Equal(SetupStatus.Ready, resumed.Status);
        Assert.Equal(failed.SetupId, resumed.SetupId);
        Assert.Equal(2, resumed.Steps.Single(s => s.Name == SetupStepName.Compatibility).Attempts);
        Assert.Equal(1, resumed.Steps.Single(s => s.Name == SetupStepName.Factory).Attempts);
        Assert.Equal(5, (await harness.ResourcesAsync()).Count);
    }

    [Fact]
    public async Task A_setup_resumed_after_the_process_that_hosted_its_node_ended_hosts_the_node_again()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        harness.Sample.Execute(SampleEnvironmentBuilder.DestinationDatabase, "CREATE TABLE saved_app AS SELECT * FROM \"NAV App Installed App\"; DELETE FROM \"NAV App Installed App\";");
        await Assert.ThrowsAsync<CmException>(() => harness.StartAsync());

        // A new PowerShell session: the node of the first run's process is gone (and still looks Online for 2 minutes).
        await LocalNodeHosts.StopAllAsync(harness.Store);
        harness.Sample.Execute(SampleEnvironmentBuilder.DestinationDatabase, "INSERT INTO \"NAV App Installed App\" SELECT * FROM saved_app; DROP TABLE saved_app;");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var resumed = await harness.Service().StartAsync(harness.Request(), null, timeout.Token);

        Assert.Equal(SetupStatus.Ready, resumed.Status);
        Assert.Equal(1, resumed.Steps.Single(s => s.Name == SetupStepName.IntegrationRuntime).Attempts);
        var runtime = Assert.Single(await (await harness.FactoryAsync()).ListIntegrationRuntimesAsync(CancellationToken.None));
        Assert.Single(runtime.Nodes);
    }

    [Fact]
    public async Task Remove_takes_down_the_factory_resources_and_the_control_schema_and_keeps_the_runtime_unless_asked()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var setup = await harness.StartAsync();
        var service = harness.Service();

        var (_, actions) = await service.PreviewRemoveAsync(harness.Sample.Destination, harness.Sample.Source, includeIntegrationRuntime: false, CancellationToken.None);
        Assert.Equal(9, actions.Count);
        var removal = await service.RemoveAsync(harness.Sample.Destination, harness.Sample.Source, includeIntegrationRuntime: false, CancellationToken.None);

        Assert.Equal(setup.SetupId, removal.SetupId);
        Assert.Equal(8, removal.Removed.Count); // five factory resources (the preparation pipeline went at Ready), the change log, the source objects, the control schema
        Assert.Empty(await harness.ResourcesAsync());
        Assert.Empty(harness.Rows("SELECT name FROM sqlite_master WHERE name LIKE 'cm!_%' ESCAPE '!'"));
        Assert.Empty(harness.Rows("SELECT name FROM sqlite_master WHERE name LIKE 'cm!_%' ESCAPE '!'", SampleEnvironmentBuilder.SystemDatabase));
        Assert.NotNull(await (await harness.FactoryAsync()).GetIntegrationRuntimeAsync(setup.IntegrationRuntime!, CancellationToken.None));
        var gone = await Assert.ThrowsAsync<CmException>(() => service.GetAsync(harness.Sample.Destination, CancellationToken.None));
        Assert.Equal(ErrorIds.SetupNotFound, gone.ErrorId);

        // A new setup naming the runtime (the factory has an Online node now, so it would need none), removed with it.
        var second = await harness.StartAsync(harness.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = r.Companies, IntegrationRuntime = setup.IntegrationRuntime }));
        Assert.Equal(setup.IntegrationRuntime, second.IntegrationRuntime);
        var withRuntime = await service.RemoveAsync(harness.Sample.Destination, null, includeIntegrationRuntime: true, CancellationToken.None);
        Assert.Contains($"IntegrationRuntime '{second.IntegrationRuntime}'", withRuntime.Removed);
        Assert.Null(await (await harness.FactoryAsync()).GetIntegrationRuntimeAsync(second.IntegrationRuntime!, CancellationToken.None));
    }

    [Fact]
    public async Task WhatIf_lists_every_step_and_leaves_every_file_byte_identical()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var before = harness.FileHashes();

        var steps = await harness.Service().PreviewAsync(harness.Request(), CancellationToken.None);

        Assert.Equal(Enum.GetValues<SetupStepName>(), steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.True(s.WouldRun));
        Assert.Contains(SetupHarness.FactoryName, steps.Single(s => s.Name == SetupStepName.Factory).Action, StringComparison.Ordinal);
        Assert.Equal(before, harness.FileHashes());
    }

    [Fact]
    public async Task Unknown_companies_and_a_destination_that_is_not_Business_Central_stop_before_anything_is_written()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var before = harness.FileHashes();

        var unknown = await Assert.ThrowsAsync<CmException>(() => harness.StartAsync(harness.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = ["NOPE"] })));
        var notBc = await Assert.ThrowsAsync<CmException>(() => harness.StartAsync(harness.Request(r => new SetupRequest { Source = r.Source, Destination = r.Source })));

        Assert.Equal(ErrorIds.CompanyNotFound, unknown.ErrorId);
        Assert.Equal("NOPE", unknown.TargetObject);
        Assert.Equal(ErrorIds.NotABusinessCentralDatabase, notBc.ErrorId);
        Assert.Equal(before, harness.FileHashes());
    }
}
