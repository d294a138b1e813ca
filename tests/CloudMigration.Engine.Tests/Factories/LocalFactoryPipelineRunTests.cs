using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Pipelines;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Factories;

/// <summary>
/// The whole local data factory at work: pipelines the engine builds, stored in the factory, claimed by a
/// registered node's run host and executed by the PipelineRunner, copying the sample's rows.
/// </summary>
public sealed class LocalFactoryPipelineRunTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Runtime = "cm-ir-01";

    [Fact]
    public async Task An_engine_built_pipeline_runs_on_the_local_factory_and_copies_the_sample_rows()
    {
        using var temp = new TempStore();
        using var sample = new PipelineSample(fixture.Folder);
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync(Runtime, "sample", CancellationToken.None);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync(Runtime, CancellationToken.None);
        var node = await new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(keys.AuthKey1, "node-1");

        // What setup publishes: linked services through the IR, the two table datasets, both pipelines.
        var source = sample.Copy.Source;
        var destination = sample.Copy.Destination;
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", AdfResources.LinkedServiceFor(source, Runtime), CancellationToken.None);
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "BcDestination", AdfResources.LinkedServiceFor(destination, Runtime, parameterizeDatabase: false), CancellationToken.None);
        await factory.PutResourceAsync(FactoryResourceKind.Dataset, "SlTables", AdfResources.TableDataset("SlSource", source.Kind, databaseParameter: true), CancellationToken.None);
        await factory.PutResourceAsync(FactoryResourceKind.Dataset, "BcTables", AdfResources.TableDataset("BcDestination", destination.Kind, databaseParameter: false), CancellationToken.None);
        await factory.PutResourceAsync(FactoryResourceKind.Pipeline, "Prepare", PreparationPipelineBuilder.Build(new PreparationPipelineOptions
        {
            SourceDataset = "SlTables",
            SourceLinkedService = "SlSource",
            SourceSystemDatabase = SampleEnvironmentBuilder.SystemDatabase,
            DestinationDataset = "BcTables",
            DestinationLinkedService = "BcDestination",
            SourceKind = EndpointKind.Sqlite,
            DestinationKind = EndpointKind.Sqlite,
        }), CancellationToken.None);
        await factory.PutResourceAsync(FactoryResourceKind.Pipeline, "Replicate", ReplicationPipelineBuilder.Build(new ReplicationPipelineOptions
        {
            SourceDataset = "SlTables",
            DestinationDataset = "BcTables",
            DestinationLinkedService = "BcDestination",
            SourceKind = EndpointKind.Sqlite,
            DestinationKind = EndpointKind.Sqlite,
        }), CancellationToken.None);

        await using var host = new LocalRunHost(temp.Store, node, new PipelineRunner(new PipelineRunnerOptions { Procedures = sample.Procedures }));
        var prepared = await RunAsync(factory, host, "Prepare", "prep-1");
        Assert.True(prepared.Status == PipelineRunStatus.Succeeded, prepared.Message);

        var tables = new[] { "Account", "GLTran" }.Select(n => SlCatalog.Default.Tables.Single(t => t.Name == n)).ToArray();
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase,
            string.Join("\n", tables.Select((t, i) => ControlRows.Insert(i + 1, "0010", t, writeBehavior: "Insert"))));

        var replicated = await RunAsync(factory, host, "Replicate", "rep-1");

        Assert.True(replicated.Status == PipelineRunStatus.Succeeded, replicated.Message);
        Assert.Equal("node-1", replicated.Node);
        foreach (var table in tables)
        {
            var expected = sample.Scalar("SLApp", $"SELECT COUNT(*) FROM \"{table.Name}\"" + (table.HasCompanyColumn ? " WHERE rtrim(CpnyID) = '0010'" : string.Empty));
            Assert.True(expected > 0, table.Name);
            var staging = BcNaming.CompanyTable("0010", table.BcTable, SlCatalog.Default.App.Id).Replace("\"", "\"\"", StringComparison.Ordinal);
            Assert.Equal(expected, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM \"{staging}\""));
        }

        // The activity runs are in the factory's store, readable from any process.
        var elsewhere = new LocalDataFactory(temp.OpenAgain(), factory.Name);
        var activities = await elsewhere.QueryActivityRunsAsync(replicated.RunId, CancellationToken.None);
        var copies = activities.Where(a => a.ActivityType == "Copy").ToArray();
        Assert.Equal(2, copies.Length);
        Assert.All(copies, c => Assert.Equal(ActivityRunStatus.Succeeded, c.Status));
        Assert.Equal([0, 1], copies.Select(c => c.Iteration ?? -1).Order());
    }

    /// <summary>Creates a run, lets the node's host claim it (one poll) and waits until the host has recorded its end.</summary>
    private static async Task<PipelineRunInfo> RunAsync(LocalDataFactory factory, LocalRunHost host, string pipeline, string requestId)
    {
        var runId = await factory.CreateRunAsync(pipeline, new JsonObject { ["RequestId"] = requestId }, CancellationToken.None);
        var done = new TaskCompletionSource<PipelineRunInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnCompleted(object? sender, PipelineRunInfo run)
        {
            if (run.RunId == runId)
            {
                done.TrySetResult(run);
            }
        }

        host.RunCompleted += OnCompleted;
        try
        {
            Assert.Contains(runId, await host.PollOnceAsync());
            await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return await factory.GetRunAsync(runId, CancellationToken.None);
        }
        finally
        {
            host.RunCompleted -= OnCompleted;
        }
    }
}
