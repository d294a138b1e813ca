using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>An activity failed for a reason of its own: an error code (ADF-like) and a message, and any partial output.</summary>
internal sealed class ActivityFailure : Exception
{
    public ActivityFailure(string code, string message, JsonNode? output = null)
        : base(message)
    {
        Code = code;
        Output = output;
    }

    public string Code { get; }

    public JsonNode? Output { get; }
}
