using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>The factory's resources, in memory: what the runner reads through IPipelineResources.</summary>
internal sealed class InMemoryResources : IPipelineResources
{
    private readonly ConcurrentDictionary<(FactoryResourceKind, string), JsonObject> resources = new();

    public JsonObject? Get(FactoryResourceKind kind, string name) => resources.TryGetValue((kind, name), out var json) ? (JsonObject)json.DeepClone() : null;

    public bool Exists(FactoryResourceKind kind, string name) => resources.ContainsKey((kind, name));

    /// <summary>Adds a resource after validating it as a factory would on PUT.</summary>
    public InMemoryResources Put(FactoryResourceKind kind, string name, JsonObject json)
    {
        ResourceValidator.Validate(kind, name, json, Exists);
        resources[(kind, name)] = json;
        return this;
    }

    public InMemoryResources LinkedService(string name, JsonObject json) => Put(FactoryResourceKind.LinkedService, name, json);

    public InMemoryResources Dataset(string name, JsonObject json) => Put(FactoryResourceKind.Dataset, name, json);
}

/// <summary>Records every activity run the runner reports, in order; an optional hook sees each as it arrives.</summary>
internal sealed class RecordingRecorder : IActivityRunRecorder
{
    private readonly ConcurrentQueue<ActivityRunInfo> records = new();

    public Func<ActivityRunInfo, Task>? OnRecord { get; init; }

    public IReadOnlyList<ActivityRunInfo> All => records.ToArray();

    /// <summary>The runs that ended (or were skipped), not the InProgress records.</summary>
    public IReadOnlyList<ActivityRunInfo> Ended => records.Where(r => r.Status != ActivityRunStatus.InProgress).ToArray();

    public async Task RecordAsync(ActivityRunInfo run, CancellationToken cancellationToken)
    {
        records.Enqueue(run);
        if (OnRecord is not null)
        {
            await OnRecord(run);
        }
    }

    public ActivityRunInfo Final(string activity, int? iteration = null) =>
        Assert.Single(Ended, r => r.ActivityName == activity && r.Iteration == iteration);

    public ActivityRunStatus StatusOf(string activity) => Final(activity).Status;

    /// <summary>Every text of every record, for secret checks.</summary>
    public string AllText() => string.Join("\n", records.Select(r =>
        $"{r.ActivityName} {r.ActivityType} {r.Status} {r.Input?.ToJsonString()} {r.Output?.ToJsonString()} {r.ErrorCode} {r.ErrorMessage}"));
}

/// <summary>A clock that stands still.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static class Json
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A resource body: {"properties": ...}.</summary>
    public static JsonObject Resource(string properties) => new() { ["properties"] = JsonNode.Parse(properties) };

    public static JsonObject SqliteLinkedService(string path) => new()
    {
        ["properties"] = new JsonObject
        {
            ["type"] = LinkedServiceTypes.Sqlite,
            ["typeProperties"] = new JsonObject { ["path"] = path },
        },
    };

    public static JsonObject TableDataset(string linkedService, string? table = null) => new()
    {
        ["properties"] = new JsonObject
        {
            ["type"] = DatasetTypes.SqlServerTable,
            ["linkedServiceName"] = new JsonObject { ["referenceName"] = linkedService, ["type"] = ReferenceTypes.LinkedService },
            ["typeProperties"] = table is null ? new JsonObject() : new JsonObject { ["table"] = table },
        },
    };

    /// <summary>A pipeline resource from its activities (and optional parameters), as JSON text.</summary>
    public static JsonObject Pipeline(string activities, string parameters = "{}") =>
        Resource($$"""{"parameters": {{parameters}}, "activities": {{activities}}}""");
}
