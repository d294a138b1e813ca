using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>Self-hosted integration runtimes in ADF's JSON: the PUT body, and getStatus read into <see cref="IntegrationRuntimeInfo"/>.</summary>
internal static class AdfRuntimeJson
{
    public const string SelfHosted = "SelfHosted";

    /// <summary>The body of IntegrationRuntimes_CreateOrUpdate for a self-hosted IR.</summary>
    public static JsonObject Definition(string? description)
    {
        var properties = new JsonObject { ["type"] = SelfHosted };
        if (description is not null)
        {
            properties["description"] = description;
        }

        return new JsonObject { ["properties"] = properties };
    }

    /// <summary>
    /// The IR from its resource (name, description) and its getStatus answer (state, create time, nodes). ADF's other
    /// states count as what they mean for running work: Initial as NeedRegistration, Started as Online, and Stopped,
    /// AccessDenied or anything unknown as Offline.
    /// </summary>
    public static IntegrationRuntimeInfo Info(string factory, JsonObject resource, JsonObject status)
    {
        var properties = AdfJsonValues.Object(status, "properties");
        var typeProperties = AdfJsonValues.Object(properties, "typeProperties");
        var nodes = (typeProperties?["nodes"] as JsonArray ?? []).OfType<JsonObject>().Select(Node).ToList();
        return new IntegrationRuntimeInfo
        {
            Name = AdfJsonValues.String(resource, "name") ?? AdfJsonValues.String(status, "name") ?? string.Empty,
            Factory = factory,
            Description = AdfJsonValues.String(AdfJsonValues.Object(resource, "properties"), "description") ?? string.Empty,
            State = StateOf(AdfJsonValues.String(properties, "state")),
            CreateTime = AdfJsonValues.Time(typeProperties, "createTime") ?? default,
            Nodes = nodes,
        };
    }

    public static IntegrationRuntimeState StateOf(string? state) => state switch
    {
        _ when Is(state, "NeedRegistration") || Is(state, "Initial") => IntegrationRuntimeState.NeedRegistration,
        _ when Is(state, "Online") || Is(state, "Started") => IntegrationRuntimeState.Online,
        _ when Is(state, "Limited") => IntegrationRuntimeState.Limited,
        _ => IntegrationRuntimeState.Offline,
    };

    private static IntegrationRuntimeNode Node(JsonObject node) => new()
    {
        NodeName = AdfJsonValues.String(node, "nodeName") ?? string.Empty,
        MachineName = AdfJsonValues.String(node, "machineName") ?? string.Empty,
        Status = AdfJsonValues.String(node, "status") ?? NodeLiveness.Offline,
        RegisterTime = AdfJsonValues.Time(node, "registerTime") ?? default,
        LastConnectTime = AdfJsonValues.Time(node, "lastConnectTime") ?? default,
        MaxConcurrentJobs = AdfJsonValues.Int(node, "maxConcurrentJobs") ?? AdfJsonValues.Int(node, "concurrentJobsLimit") ?? 0,
    };

    private static bool Is(string? state, string name) => string.Equals(state, name, StringComparison.OrdinalIgnoreCase);
}
