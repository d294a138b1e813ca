using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>Conversions and comparisons of expression values (JSON nodes), as ADF's functions treat them.</summary>
internal static class ExpressionValues
{
    /// <summary>ADF's names for value types, as its messages use them.</summary>
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "Null",
        JsonObject => "Object",
        JsonArray => "Array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "String",
            JsonValueKind.Number => IsInteger(v) ? "Integer" : "Float",
            JsonValueKind.True or JsonValueKind.False => "Boolean",
            JsonValueKind.Null => "Null",
            _ => "Unknown",
        },
        _ => "Unknown",
    };

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    public static bool IsString(JsonNode? node, out string text) => AdfJson.TryGetString(node, out text);

    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static bool IsInteger(JsonNode? node) => TryGetInteger(node, out _);

    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        return IsNumber(node) && long.TryParse(node!.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        return IsNumber(node) && double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value) => AdfJson.TryGetBoolean(node, out value);

    /// <summary>The value as text: strings as they are, true/false as True/False, numbers invariant, objects and arrays as JSON, null as empty.</summary>
    public static string ToText(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Null => string.Empty,
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(AdfJson.Compact),
    };

    /// <summary>Structural equality: numbers by value (1 equals 1.0), strings ordinal, containers member by member.</summary>
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        if (IsNull(left) || IsNull(right))
        {
            return IsNull(left) && IsNull(right);
        }

        if (IsNumber(left) && IsNumber(right))
        {
            if (TryGetInteger(left, out var li) && TryGetInteger(right, out var ri))
            {
                return li == ri;
            }

            return TryGetDouble(left, out var ld) && TryGetDouble(right, out var rd) && ld.Equals(rd);
        }

        if (IsString(left, out var ls) && IsString(right, out var rs))
        {
            return string.Equals(ls, rs, StringComparison.Ordinal);
        }

        if (TryGetBoolean(left, out var lb) && TryGetBoolean(right, out var rb))
        {
            return lb == rb;
        }

        if (left is JsonArray la && right is JsonArray ra)
        {
            return la.Count == ra.Count && la.Zip(ra).All(p => AreEqual(p.First, p.Second));
        }

        if (left is JsonObject lo && right is JsonObject ro)
        {
            return lo.Count == ro.Count && lo.All(p => ro.TryGetPropertyValue(p.Key, out var other) && AreEqual(p.Value, other));
        }

        return false;
    }

    /// <summary>A node safe to put into another container (nodes have one parent).</summary>
    public static JsonNode? Detach(JsonNode? node) => node is null ? null : node.Parent is null ? node : node.DeepClone();

    /// <summary>Looks a property up by exact name first, then ignoring case (ADF reads activity outputs and items case-insensitively).</summary>
    public static bool TryGetProperty(JsonObject obj, string name, out JsonNode? value)
    {
        if (obj.TryGetPropertyValue(name, out value))
        {
            return true;
        }

        foreach (var (key, candidate) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = null;
        return false;
    }
}
