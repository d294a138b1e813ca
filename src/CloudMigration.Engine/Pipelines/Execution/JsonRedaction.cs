using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>A copy of JSON with every string passed through <see cref="SecretRedactor"/>, before it is recorded.</summary>
internal static class JsonRedaction
{
    public static JsonNode? Redact(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when AdfJson.TryGetString(value, out var text) => JsonValue.Create(SecretRedactor.Redact(text)),
        JsonObject obj when AdfJson.IsSecureString(obj, out _) => new JsonObject { ["type"] = "SecureString", ["value"] = SecretRedactor.Mask },
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Redact(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Redact).ToArray()),
        _ => node.DeepClone(),
    };
}
