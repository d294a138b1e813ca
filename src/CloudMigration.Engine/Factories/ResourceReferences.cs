using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// Finds what an ADF resource refers to: every object <c>{"referenceName": name, "type": "...Reference"}</c>
/// anywhere in its JSON (a linked service's connectVia, a dataset's linkedServiceName, an activity's inputs,
/// outputs, dataset and linkedServiceName, an ExecutePipeline's pipeline).
/// </summary>
internal static class ResourceReferences
{
    public const string IntegrationRuntimeReference = "IntegrationRuntimeReference";

    /// <summary>One reference: its ADF type and the name it refers to.</summary>
    public readonly record struct Reference(string Type, string Name);

    public static IReadOnlyList<Reference> Find(JsonNode? node)
    {
        var found = new List<Reference>();
        Walk(node, found);
        return found;
    }

    /// <summary>The reference type that points at a resource of <paramref name="kind"/>.</summary>
    public static string TypeOf(FactoryResourceKind kind) => kind switch
    {
        FactoryResourceKind.LinkedService => "LinkedServiceReference",
        FactoryResourceKind.Dataset => "DatasetReference",
        _ => "PipelineReference",
    };

    /// <summary>Whether <paramref name="node"/> refers to <paramref name="name"/> through a reference of <paramref name="type"/>.</summary>
    public static bool RefersTo(JsonNode? node, string type, string name) =>
        Find(node).Any(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private static void Walk(JsonNode? node, List<Reference> found)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["referenceName"] is JsonValue nameValue && nameValue.TryGetValue<string>(out var name)
                    && obj["type"] is JsonValue typeValue && typeValue.TryGetValue<string>(out var type)
                    && type.EndsWith("Reference", StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(new Reference(type, name));
                }

                foreach (var (_, child) in obj)
                {
                    Walk(child, found);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child, found);
                }

                break;
        }
    }
}
