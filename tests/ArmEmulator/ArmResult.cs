using System.Text.Json.Nodes;

namespace CloudMigration.ArmEmulator;

/// <summary>What the emulator answers: a status, an optional JSON body and extra headers.</summary>
internal sealed record ArmResult(int Status, JsonNode? Body = null)
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ArmResult Ok(JsonNode body) => new(200, body);

    public static ArmResult NoContent() => new(204);

    /// <summary>ARM's error body: <c>{"error": {"code", "message", "target", "details"}}</c>.</summary>
    public static ArmResult Error(int status, string code, string message, string? target = null) =>
        new(status, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["target"] = target, ["details"] = new JsonArray() },
        });

    public ArmResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
