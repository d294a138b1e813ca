using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>The emulator's answers in the shapes of the ADF REST spec (2018-06-01).</summary>
internal static class ArmJson
{
    public const string FactoryType = "Microsoft.DataFactory/factories";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    public static JsonObject Factory(string id, DataFactoryInfo info, string location) => new()
    {
        ["id"] = id,
        ["name"] = info.Name,
        ["type"] = FactoryType,
        ["location"] = location,
        ["properties"] = new JsonObject
        {
            ["provisioningState"] = "Succeeded",
            ["createTime"] = Time(info.Registered),
            ["version"] = "2018-06-01",
        },
        ["eTag"] = ETag(info.Name + info.Registered.ToUnixTimeMilliseconds()),
    };

    /// <summary>A child resource in ARM's envelope: id, name, type, properties, etag.</summary>
    public static JsonObject Resource(ArmRoute route, string segment, string name, JsonNode? properties) => new()
    {
        ["id"] = $"{route.FactoryId}/{segment}/{name}",
        ["name"] = name,
        ["type"] = $"{FactoryType}/{segment}",
        ["properties"] = properties?.DeepClone(),
        ["etag"] = ETag(properties?.ToJsonString() ?? string.Empty),
    };

    public static JsonObject Runtime(ArmRoute route, IntegrationRuntimeInfo runtime) =>
        Resource(route, "integrationruntimes", runtime.Name, new JsonObject { ["type"] = runtime.Type, ["description"] = runtime.Description });

    /// <summary>getStatus of a self-hosted IR.</summary>
    public static JsonObject RuntimeStatus(IntegrationRuntimeInfo runtime) => new()
    {
        ["name"] = runtime.Name,
        ["properties"] = new JsonObject
        {
            ["type"] = runtime.Type,
            ["dataFactoryName"] = runtime.Factory,
            ["state"] = runtime.State.ToString(),
            ["typeProperties"] = new JsonObject
            {
                ["createTime"] = Time(runtime.CreateTime),
                ["nodes"] = new JsonArray([.. runtime.Nodes.Select(n => (JsonNode)new JsonObject
                {
                    ["nodeName"] = n.NodeName,
                    ["machineName"] = n.MachineName,
                    ["status"] = n.Status,
                    ["registerTime"] = Time(n.RegisterTime),
                    ["lastConnectTime"] = Time(n.LastConnectTime),
                    ["maxConcurrentJobs"] = n.MaxConcurrentJobs,
                    ["concurrentJobsLimit"] = n.MaxConcurrentJobs,
                    ["version"] = "emulator",
                })]),
                ["autoUpdate"] = "Off",
                ["versionStatus"] = "UpToDate",
            },
        },
    };

    public static JsonObject Run(PipelineRunInfo run)
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in run.Parameters)
        {
            parameters[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";
        }

        return new JsonObject
        {
            ["runId"] = run.RunId,
            ["runGroupId"] = run.RunId,
            ["isLatest"] = true,
            ["pipelineName"] = run.PipelineName,
            ["parameters"] = parameters,
            ["runDimensions"] = new JsonObject(),
            ["invokedBy"] = new JsonObject { ["name"] = "Manual", ["id"] = run.RunId, ["invokedByType"] = "Manual" },
            ["lastUpdated"] = Time(run.LastUpdated),
            ["runStart"] = Time(run.RunStart),
            ["runEnd"] = Time(run.RunEnd),
            ["durationInMs"] = run.Duration is { } duration ? (long)duration.TotalMilliseconds : null,
            ["status"] = run.Status.ToString(),
            ["message"] = run.Message,
        };
    }

    public static JsonObject Activity(PipelineRunInfo run, ActivityRunInfo activity) => new()
    {
        ["pipelineName"] = run.PipelineName,
        ["pipelineRunId"] = run.RunId,
        ["activityName"] = activity.ActivityName,
        ["activityType"] = activity.ActivityType,
        ["activityRunId"] = DeterministicId($"{run.RunId}/{activity.ActivityName}/{activity.Iteration}"),
        ["linkedServiceName"] = string.Empty,
        ["status"] = activity.Status.ToString(),
        ["activityRunStart"] = Time(activity.Start),
        ["activityRunEnd"] = Time(activity.End),
        ["durationInMs"] = activity.Duration is { } duration ? (long)duration.TotalMilliseconds : null,
        ["input"] = activity.Input?.DeepClone() ?? new JsonObject(),
        ["output"] = activity.Output?.DeepClone() ?? new JsonObject(),
        ["error"] = new JsonObject
        {
            ["errorCode"] = activity.ErrorCode ?? string.Empty,
            ["message"] = activity.ErrorMessage ?? string.Empty,
            ["failureType"] = activity.ErrorCode is null ? string.Empty : "UserError",
            ["target"] = activity.ActivityName,
        },
        ["retryAttempt"] = null,
        ["userProperties"] = new JsonObject(),
    };

    /// <summary>A list page: <c>{"value": [...], "nextLink": ...}</c>.</summary>
    public static JsonObject Page(IEnumerable<JsonNode> items, string? nextLinkName, string? nextLink) => new()
    {
        ["value"] = new JsonArray([.. items]),
        [nextLinkName ?? "nextLink"] = nextLink,
    };

    private static string ETag(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 8)).ToLowerInvariant();

    private static string DeterministicId(string text) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToString("D");
}
