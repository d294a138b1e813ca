using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>A function of the expression language: its name, how many arguments it takes, and what it does.</summary>
internal sealed record ExpressionFunction(string Name, int MinArguments, int MaxArguments, Func<FunctionCall, JsonNode?> Invoke);
