using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>Runs one type of activity. One class per activity type.</summary>
internal interface IActivityExecutor
{
    /// <summary>The activity's input: its properties with expressions evaluated (ADF shows this as the activity run's input).</summary>
    JsonObject PrepareInput(ActivityInvocation invocation);

    /// <summary>Runs the activity; returns its output. Throws ActivityFailure (or a CmException) when it fails.</summary>
    Task<JsonNode?> ExecuteAsync(ActivityInvocation invocation, JsonObject input, CancellationToken cancellationToken);

    /// <summary>The input as recorded (a ForEach records a summary rather than every item).</summary>
    JsonNode? RecordedInput(JsonObject input) => input;
}
