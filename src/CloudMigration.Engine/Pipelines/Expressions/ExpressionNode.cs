using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>A node of a parsed expression.</summary>
internal abstract record ExpressionNode;

/// <summary>A string, number, true, false or null.</summary>
internal sealed record LiteralNode(JsonNode? Value) : ExpressionNode;

/// <summary>A function call such as <c>concat('a', item().b)</c>.</summary>
internal sealed record CallNode(string Name, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode;

/// <summary><c>target.name</c>, or <c>target?.name</c> (null when missing) when NullSafe.</summary>
internal sealed record MemberNode(ExpressionNode Target, string Name, bool NullSafe) : ExpressionNode;

/// <summary><c>target[index]</c>, or <c>target?[index]</c> when NullSafe.</summary>
internal sealed record IndexNode(ExpressionNode Target, ExpressionNode Index, bool NullSafe) : ExpressionNode;
