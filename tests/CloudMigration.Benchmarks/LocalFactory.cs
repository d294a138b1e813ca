using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Pipelines.Builders;

namespace CloudMigration.Benchmarks;

/// <summary>The resources a run reads (linked services and datasets, in memory) and a recorder that keeps the Copy's output.</summary>
internal sealed class LocalFactory : IPipelineResources, IActivityRunRecorder
{
    private readonly Dictionary<(FactoryResourceKind, string), JsonObject> resources = [];

    public JsonObject? LastOutput { get; private set; }

    public JsonObject? Get(FactoryResourceKind kind, string name) => resources.TryGetValue((kind, name), out var json) ? (JsonObject)json.DeepClone() : null;

    public LocalFactory Sqlite(string linkedService, string dataset, string path)
    {
        resources[(FactoryResourceKind.LinkedService, linkedService)] = AdfResources.SqliteLinkedService(path);
        resources[(FactoryResourceKind.Dataset, dataset)] = AdfResources.TableDataset(linkedService, EndpointKind.Sqlite, databaseParameter: false);
        return this;
    }

    public Task RecordAsync(ActivityRunInfo run, CancellationToken cancellationToken)
    {
        if (run.Status == ActivityRunStatus.Succeeded)
        {
            LastOutput = run.Output as JsonObject;
        }

        return Task.CompletedTask;
    }

    /// <summary>One Copy activity: the source query from the source dataset into the sink dataset's table, as the replication pipeline's CopyTable does.</summary>
    public static JsonObject CopyPipeline(string sourceDataset, string sinkDataset, string table, string query, string preCopyScript) => new()
    {
        ["properties"] = new JsonObject
        {
            ["activities"] = new JsonArray(new JsonObject
            {
                ["name"] = "CopyTable",
                ["type"] = ActivityTypes.Copy,
                ["inputs"] = new JsonArray(new JsonObject { ["referenceName"] = sourceDataset, ["type"] = "DatasetReference", ["parameters"] = new JsonObject { [AdfResources.TableParameter] = "GLTran" } }),
                ["outputs"] = new JsonArray(new JsonObject { ["referenceName"] = sinkDataset, ["type"] = "DatasetReference", ["parameters"] = new JsonObject { [AdfResources.TableParameter] = table } }),
                ["typeProperties"] = new JsonObject
                {
                    ["source"] = new JsonObject { ["type"] = "SqlServerSource", ["sqlReaderQuery"] = query },
                    ["sink"] = new JsonObject { ["type"] = "SqlServerSink", ["preCopyScript"] = preCopyScript },
                },
            }),
        },
    };
}
