using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines;

/// <summary>A typed view of a pipeline resource, <c>{"name"?: ..., "properties": {"parameters": {...}, "activities": [...]}}</c>.</summary>
public sealed class PipelineDefinition
{
    private PipelineDefinition(JsonObject json, JsonObject properties)
    {
        Json = json;
        Properties = properties;
        Name = AdfJson.GetString(json, "name");
        Description = AdfJson.GetString(properties, "description");
        Parameters = PipelineParameter.ListOf(AdfJson.GetObject(properties, "parameters"));
        Activities = ActivityDefinition.ListOf(AdfJson.GetArray(properties, "activities"));
    }

    public JsonObject Json { get; }

    public JsonObject Properties { get; }

    /// <summary>The "name" member when the JSON carries one (a resource as GET returns it); null otherwise.</summary>
    public string? Name { get; }

    public string? Description { get; }

    public IReadOnlyList<PipelineParameter> Parameters { get; }

    /// <summary>The top-level activities.</summary>
    public IReadOnlyList<ActivityDefinition> Activities { get; }

    /// <summary>Every activity, inner activities of ForEach included.</summary>
    public IEnumerable<ActivityDefinition> AllActivities => Activities.SelectMany(a => a.Activities.Prepend(a));

    public static PipelineDefinition From(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new PipelineDefinition(json, AdfJson.GetObject(json, "properties") ?? []);
    }
}
