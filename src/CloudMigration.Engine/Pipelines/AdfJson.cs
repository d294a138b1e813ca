using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines;

/// <summary>Small readers over ADF JSON: what kind a node is, strings, objects and expression objects.</summary>
internal static class AdfJson
{
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>The JSON kind of a node as ADF's messages name it: object, array, string, number, boolean or null.</summary>
    public static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Null => "null",
            _ => "value",
        },
        _ => "value",
    };

    public static bool TryGetString(JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }

        text = string.Empty;
        return false;
    }

    public static string? GetString(JsonObject? parent, string property) =>
        parent is not null && TryGetString(parent[property], out var text) ? text : null;

    public static JsonObject? GetObject(JsonObject? parent, string property) => parent?[property] as JsonObject;

    public static JsonArray? GetArray(JsonObject? parent, string property) => parent?[property] as JsonArray;

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    /// <summary>{"value": "...", "type": "Expression"}: ADF's expression object.</summary>
    public static bool IsExpressionObject(JsonNode? node, out string text)
    {
        text = string.Empty;
        return node is JsonObject obj
            && string.Equals(GetString(obj, "type"), "Expression", StringComparison.Ordinal)
            && TryGetString(obj["value"], out text);
    }

    /// <summary>{"type": "SecureString", "value": "..."}: a secret given in clear to the factory.</summary>
    public static bool IsSecureString(JsonNode? node, out string value)
    {
        value = string.Empty;
        return node is JsonObject obj
            && string.Equals(GetString(obj, "type"), "SecureString", StringComparison.Ordinal)
            && TryGetString(obj["value"], out value);
    }

    public static bool TryGetInt64(JsonNode? node, out long number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    public static bool TryGetBoolean(JsonNode? node, out bool flag)
    {
        flag = false;
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True:
                    flag = true;
                    return true;
                case JsonValueKind.False:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The node's size as compact UTF-8 JSON.</summary>
    public static int Utf8Length(JsonNode? node) => node is null ? 4 : Encoding.UTF8.GetByteCount(node.ToJsonString(Compact));

    /// <summary>A property path segment: ".name", or "['na.me']" when the name is not a plain identifier.</summary>
    public static string Member(string path, string name)
    {
        var plain = name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '$');
        var segment = plain ? name : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
        return path.Length == 0 ? segment : plain ? path + "." + segment : path + segment;
    }

    public static string Index(string path, int index) => path + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
