using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// ForEach: evaluates items (an array), then runs the inner activities once per item, at most batchCount items at a
/// time (default 20, at most 50), or one at a time in order when isSequential. Each iteration is a scope of its own
/// (item(), and activity() for its own activities and the pipeline's). Every iteration runs even when another fails,
/// as in ADF; the ForEach then fails ("Activity failed because an inner activity failed").
/// </summary>
internal sealed class ForEachActivityExecutor : IActivityExecutor
{
    public JsonObject PrepareInput(ActivityInvocation invocation)
    {
        var typeProperties = invocation.Activity.TypeProperties;
        var items = invocation.Resolve(typeProperties["items"]);
        if (items is not JsonArray)
        {
            throw new ActivityFailure("InvalidTemplate",
                $"The ForEach '{invocation.Activity.Name}' needs an array of items, but its items expression gave a value of type '{ExpressionValues.TypeName(items)}'.");
        }

        var sequential = AdfJson.TryGetBoolean(typeProperties["isSequential"], out var flag) && flag;
        var batchCount = AdfJson.TryGetInt64(typeProperties["batchCount"], out var count) ? count : PipelineLimits.DefaultBatchCount;
        return new JsonObject
        {
            ["items"] = items,
            ["isSequential"] = sequential,
            ["batchCount"] = Math.Clamp(batchCount, 1, PipelineLimits.MaxBatchCount),
        };
    }

    public JsonNode? RecordedInput(JsonObject input) => new JsonObject
    {
        ["itemCount"] = (input["items"] as JsonArray)?.Count ?? 0,
        ["isSequential"] = input["isSequential"]?.DeepClone(),
        ["batchCount"] = input["batchCount"]?.DeepClone(),
    };

    public async Task<JsonNode?> ExecuteAsync(ActivityInvocation invocation, JsonObject input, CancellationToken cancellationToken)
    {
        var items = (JsonArray)input["items"]!;
        var sequential = AdfJson.TryGetBoolean(input["isSequential"], out var flag) && flag;
        var parallel = sequential ? 1 : (int)(AdfJson.TryGetInt64(input["batchCount"], out var count) ? count : PipelineLimits.DefaultBatchCount);
        var outcomes = new ScopeOutcome[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (index, _) =>
            {
                var iteration = invocation.Scope.ForIteration(index, items[index]);
                outcomes[index] = await ActivityScheduler.RunAsync(invocation.Activity.Activities, iteration).ConfigureAwait(false);
            }).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        if (outcomes.Any(o => o.Status == PipelineRunStatus.Cancelled))
        {
            throw new OperationCanceledException(cancellationToken);
        }

        var failed = outcomes.Where(o => o.Status == PipelineRunStatus.Failed).ToArray();
        var output = new JsonObject
        {
            ["itemCount"] = items.Count,
            ["succeeded"] = outcomes.Length - failed.Length,
            ["failed"] = failed.Length,
        };
        if (failed.Length > 0)
        {
            var first = failed[0].Failed;
            throw new ActivityFailure("ActionFailed",
                $"Activity failed because an inner activity failed; Inner activity name: {first?.Name}, Error: {first?.ErrorMessage}" +
                (failed.Length > 1 ? $" ({failed.Length} of {items.Count} iterations failed)" : string.Empty),
                output);
        }

        return output;
    }
}
