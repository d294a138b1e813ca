using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>Lenient readers over ARM's JSON: a missing or mistyped property reads as null, never throws.</summary>
internal static class AdfJsonValues
{
    public static IEnumerable<JsonObject> Items(JsonObject page) =>
        page["value"] is JsonArray values ? values.OfType<JsonObject>() : [];

    public static string? String(JsonObject? parent, string property) =>
        parent?[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static JsonObject? Object(JsonObject? parent, string property) => parent?[property] as JsonObject;

    public static DateTimeOffset? Time(JsonObject? parent, string property) =>
        String(parent, property) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    public static int? Int(JsonObject? parent, string property) =>
        parent?[property] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number : null;

    /// <summary>A time as ARM writes it: ISO 8601 in UTC.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A parameter value as ADF reports run parameters: strings as they are, anything else as its JSON.</summary>
    public static string ParameterText(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString() ?? "null";
}
