using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>Checks JSON against <see cref="AdfSpecShapes"/>: required members, JSON types, enums, and no unknown members where the spec allows none.</summary>
internal sealed class AdfShapeChecker
{
    private readonly JsonObject definitions = JsonNode.Parse(AdfSpecShapes.Json)!.AsObject();

    /// <summary>Every way the node differs from the definition, as "path: problem".</summary>
    public List<string> Check(JsonNode? node, string definition)
    {
        var problems = new List<string>();
        CheckType(node, definition, "$", problems);
        return problems;
    }

    private void CheckType(JsonNode? node, string type, string path, List<string> problems)
    {
        if (type == "any")
        {
            return;
        }

        if (type.StartsWith("enum:", StringComparison.Ordinal))
        {
            var allowed = type["enum:".Length..].Split('|');
            if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !allowed.Contains(v.GetValue<string>()))
            {
                problems.Add($"{path}: {node?.ToJsonString() ?? "null"} is not one of {string.Join(", ", allowed)}");
            }

            return;
        }

        if (type.StartsWith("array<", StringComparison.Ordinal))
        {
            if (node is not JsonArray array)
            {
                problems.Add($"{path}: expected an array");
                return;
            }

            var item = type[6..^1];
            for (var i = 0; i < array.Count; i++)
            {
                CheckType(array[i], item, $"{path}[{i}]", problems);
            }

            return;
        }

        if (type.StartsWith("map<", StringComparison.Ordinal))
        {
            if (node is not JsonObject map)
            {
                problems.Add($"{path}: expected an object (map)");
                return;
            }

            foreach (var (key, entry) in map)
            {
                CheckType(entry, type[4..^1], $"{path}.{key}", problems);
            }

            return;
        }

        var kind = node is JsonValue scalar ? scalar.GetValueKind() : node is JsonObject ? JsonValueKind.Object : node is JsonArray ? JsonValueKind.Array : JsonValueKind.Null;
        switch (type)
        {
            case "string" when kind != JsonValueKind.String:
            case "integer" when kind != JsonValueKind.Number || !long.TryParse(node!.ToJsonString(), out _):
            case "boolean" when kind is not (JsonValueKind.True or JsonValueKind.False):
            case "array" when kind != JsonValueKind.Array:
            case "object" when kind != JsonValueKind.Object:
                problems.Add($"{path}: expected {type}, found {kind}");
                return;
            case "string" or "integer" or "boolean" or "array" or "object":
                return;
        }

        CheckDefinition(node, type, path, problems);
    }

    private void CheckDefinition(JsonNode? node, string name, string path, List<string> problems)
    {
        if (node is not JsonObject obj)
        {
            problems.Add($"{path}: expected an object of {name}");
            return;
        }

        var definition = Definition(name);
        if (definition["discriminator"] is JsonObject discriminator)
        {
            var typeValue = obj["type"]?.GetValue<string>();
            if (typeValue is null || discriminator[typeValue] is not JsonValue derived)
            {
                problems.Add($"{path}: '{typeValue}' is not a type of {name} ({string.Join(", ", discriminator.Select(d => d.Key))})");
                return;
            }

            name = derived.GetValue<string>();
        }

        var (properties, required, additional) = Flatten(name);
        foreach (var member in required.Where(r => obj[r] is null))
        {
            problems.Add($"{path}: the required member '{member}' of {name} is missing");
        }

        foreach (var (key, value) in obj)
        {
            if (properties.TryGetValue(key, out var type))
            {
                if (value is not null || type is not "any")
                {
                    CheckType(value, type, $"{path}.{key}", problems);
                }
            }
            else if (!additional)
            {
                problems.Add($"{path}: '{key}' is not a member of {name}");
            }
        }
    }

    private JsonObject Definition(string name) =>
        definitions[name] as JsonObject ?? throw new InvalidOperationException($"The shape '{name}' is not in AdfSpecShapes.");

    private (Dictionary<string, string> Properties, HashSet<string> Required, bool Additional) Flatten(string name)
    {
        var definition = Definition(name);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var additional = definition["additional"]?.GetValue<bool>() ?? false;
        foreach (var parent in definition["allOf"]?.AsArray().Select(p => p!.GetValue<string>()) ?? [])
        {
            var (p, r, a) = Flatten(parent);
            foreach (var (key, value) in p)
            {
                properties[key] = value;
            }

            required.UnionWith(r);
            additional |= a;
        }

        foreach (var (key, value) in definition["properties"]?.AsObject() ?? [])
        {
            properties[key] = value!.GetValue<string>();
        }

        required.UnionWith(definition["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
        return (properties, required, additional);
    }
}
