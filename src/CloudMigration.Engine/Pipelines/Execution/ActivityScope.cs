using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// The activities of one container as they end: the pipeline's top level, or one iteration of a ForEach (whose
/// activities also see the top level's, through the parent). activity('name') reads from here.
/// </summary>
internal sealed class ActivityScope
{
    private readonly ConcurrentDictionary<string, ActivityResult> results = new(StringComparer.OrdinalIgnoreCase);

    private ActivityScope(PipelineRun run, ActivityScope? parent, int? iteration, JsonNode? item)
    {
        Run = run;
        Parent = parent;
        Iteration = iteration;
        var context = run.Context.WithActivities(Lookup);
        Context = iteration is null ? context : context.WithItem(item);
    }

    public PipelineRun Run { get; }

    public ActivityScope? Parent { get; }

    /// <summary>The ForEach item's position, for activities inside a ForEach.</summary>
    public int? Iteration { get; }

    public ExpressionContext Context { get; }

    public static ActivityScope Root(PipelineRun run) => new(run, null, null, null);

    public ActivityScope ForIteration(int index, JsonNode? item) => new(Run, this, index, item);

    public bool TryGetResult(string name, out ActivityResult result) => results.TryGetValue(name, out result!);

    public void SetResult(ActivityResult result) => results[result.Name] = result;

    private JsonObject? Lookup(string name) =>
        results.TryGetValue(name, out var result) ? result.ToExpressionObject() : Parent?.Lookup(name);
}
