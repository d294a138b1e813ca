using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>
/// What an expression can see: <c>pipeline()</c>, <c>item()</c> inside a ForEach, <c>activity('name')</c>
/// for activities that have run, <c>dataset()</c> and <c>linkedService()</c> while a dataset or linked service
/// is resolved, and the clock <c>utcnow()</c> reads. Immutable; the With methods return copies.
/// </summary>
public sealed record ExpressionContext
{
    public ExpressionContext(TimeProvider? clock = null)
    {
        Clock = clock ?? TimeProvider.System;
    }

    public TimeProvider Clock { get; init; }

    /// <summary>What <c>pipeline()</c> returns: {"parameters": {...}, "RunId": ..., "Pipeline": ..., "TriggerTime": ..., "TriggerType": ...}.</summary>
    public JsonObject? Pipeline { get; init; }

    /// <summary>Whether <c>item()</c> is available (inside a ForEach).</summary>
    public bool HasItem { get; init; }

    public JsonNode? Item { get; init; }

    /// <summary>
    /// What <c>activity('name')</c> returns for an activity that has run: {"output": ..., "status": ..., "error": {...}}; null
    /// when no such activity has run in scope.
    /// </summary>
    public Func<string, JsonObject?>? Activities { get; init; }

    /// <summary>What <c>dataset()</c> returns, while a dataset's properties are resolved.</summary>
    public JsonObject? DatasetParameters { get; init; }

    /// <summary>What <c>linkedService()</c> returns, while a linked service's properties are resolved.</summary>
    public JsonObject? LinkedServiceParameters { get; init; }

    /// <summary>The context of a pipeline run: pipeline() with the run's parameters, id and name.</summary>
    public static ExpressionContext ForRun(string runId, string? pipelineName, JsonObject parameters, DateTimeOffset triggerTime, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new ExpressionContext(clock)
        {
            Pipeline = new JsonObject
            {
                ["parameters"] = parameters.DeepClone(),
                ["RunId"] = runId,
                ["Pipeline"] = pipelineName ?? string.Empty,
                ["TriggerTime"] = triggerTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["TriggerType"] = "Manual",
                ["GroupId"] = runId,
            },
        };
    }

    public ExpressionContext WithItem(JsonNode? item) => this with { HasItem = true, Item = item };

    public ExpressionContext WithActivities(Func<string, JsonObject?> activities) => this with { Activities = activities };

    public ExpressionContext WithDataset(JsonObject parameters) => this with { DatasetParameters = parameters };

    public ExpressionContext WithLinkedService(JsonObject parameters) => this with { LinkedServiceParameters = parameters };
}
