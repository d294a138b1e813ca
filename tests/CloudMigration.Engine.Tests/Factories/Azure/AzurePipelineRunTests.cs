using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Pipelines;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.TablePlanning;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>
/// The whole way through the REST API: the engine's pipelines published through the Azure client, run by a node the
/// emulator hosts, copying the sample's rows between SQLite databases; activity runs read back through the client.
/// </summary>
public sealed class AzurePipelineRunTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task Pipelines_published_through_the_client_run_and_copy_the_sample_rows()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        using var sample = new PipelineSample(fixture.Folder);
        await emulated.NodeAsync();
        var factory = emulated.Factory;
        // Two tables keep the run short; the local factory's tests copy the whole plan.
        var plan = (await SamplePlan.BuildAsync(sample.Copy.Source, sample.Copy.Destination, ["0010"])).Entries
            .Where(e => e.SourceTable is "Account" or "GLTran").ToList();
        var entries = plan.Where(e => e.CopyMethod != CopyMethod.Skip && e.Status != PlanStatus.Error).ToList();

        var published = await new PipelinePublisher().PublishAsync(factory, sample.Copy.Source, sample.Copy.Destination, null, plan, CancellationToken.None);
        Assert.Equal(7, published.Count);
        Assert.Equal(2, (await emulated.Local.ListResourcesAsync(FactoryResourceKind.Pipeline, default)).Count);

        var service = new PipelineRunService { PollInterval = TimeSpan.FromMilliseconds(50) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var prepared = await service.InvokeAsync(factory, PipelinePublisher.PreparationPipeline, new JsonObject { [PreparationPipelineBuilder.RequestIdParameter] = "prep-1" },
            wait: true, null, timeout.Token);
        Assert.True(prepared.Status == PipelineRunStatus.Succeeded, prepared.Message);

        var replicated = await service.InvokeAsync(factory, PipelinePublisher.ReplicationPipeline, new JsonObject { [ReplicationPipelineBuilder.RequestIdParameter] = "rep-1" },
            wait: true, null, timeout.Token);

        Assert.True(replicated.Status == PipelineRunStatus.Succeeded, replicated.Message);
        Assert.Equal("rep-1", replicated.Parameters[ReplicationPipelineBuilder.RequestIdParameter]!.GetValue<string>());
        var counts = entries.Select(e => sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase,
            $"SELECT COUNT(*) FROM \"{e.DestinationTable.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")).ToList();
        Assert.Equal(entries.Select(e => e.EstimatedRows ?? -1), counts);
        Assert.Contains(counts, n => n > 0);
        var glTran = entries.Single(e => e.SourceTable == "GLTran");
        Assert.Equal(sample.Scalar("SLApp", "SELECT COUNT(*) FROM GLTran WHERE rtrim(CpnyID) = '0010'"), counts[entries.IndexOf(glTran)]);

        var activities = await factory.QueryActivityRunsAsync(replicated.RunId, default);
        var copies = activities.Where(a => a.ActivityType == "Copy").ToList();
        Assert.Equal(entries.Count, copies.Count);
        Assert.All(copies, c => Assert.Equal((ActivityRunStatus.Succeeded, replicated.RunId), (c.Status, c.RunId)));
        Assert.All(copies, c => Assert.True(c.Start <= c.End));
        Assert.Contains(activities, a => a.ActivityType == "ForEach" && a.Status == ActivityRunStatus.Succeeded);
    }
}
