using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>How one activity (one iteration's, inside a ForEach) ended.</summary>
internal sealed record ActivityResult(string Name, string Type, ActivityRunStatus Status, JsonNode? Output, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>What activity('name') returns: {"output": ..., "status": ..., "error": {"errorCode", "message"} or null}.</summary>
    public JsonObject ToExpressionObject() => new()
    {
        ["output"] = Output?.DeepClone() ?? new JsonObject(),
        ["status"] = Status.ToString(),
        ["error"] = ErrorCode is null ? null : new JsonObject { ["errorCode"] = ErrorCode, ["message"] = ErrorMessage ?? string.Empty, ["failureType"] = "UserError" },
    };
}
