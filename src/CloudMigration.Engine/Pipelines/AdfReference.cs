using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// A reference to another resource: <c>{"referenceName": "...", "type": "DatasetReference", "parameters": {...}}</c>
/// (DatasetReference, LinkedServiceReference and IntegrationRuntimeReference in datafactory.json).
/// </summary>
public sealed record AdfReference(string ReferenceName, string Type, JsonObject? Parameters)
{
    /// <summary>The reference in a node, or null when the node is not a reference object.</summary>
    public static AdfReference? From(JsonNode? node) =>
        node is JsonObject obj && AdfJson.GetString(obj, "referenceName") is { } name
            ? new AdfReference(name, AdfJson.GetString(obj, "type") ?? string.Empty, AdfJson.GetObject(obj, "parameters"))
            : null;

    /// <summary>Builds the JSON of a reference.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["referenceName"] = ReferenceName, ["type"] = Type };
        if (Parameters is not null)
        {
            json["parameters"] = Parameters.DeepClone();
        }

        return json;
    }

    public override string ToString() => ReferenceName;
}
