using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>One activity about to run in a scope.</summary>
internal sealed record ActivityInvocation(ActivityScope Scope, ActivityDefinition Activity)
{
    public PipelineRun Run => Scope.Run;

    public ExpressionContext Context => Scope.Context;

    /// <summary>A copy of a node of the activity with its expressions evaluated in the activity's scope.</summary>
    public JsonNode? Resolve(JsonNode? node) => AdfExpression.Resolve(node, Context);
}
