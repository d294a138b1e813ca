using System.Text;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>
/// ADF's expression language, as the local engine evaluates it.
/// <list type="bullet">
/// <item>A string that starts with '@' is an expression: <c>"@pipeline().parameters.x"</c> keeps the value's type.</item>
/// <item><c>"@@..."</c> is literal text starting with '@'.</item>
/// <item><c>"text @{expression} text"</c> interpolates; the result is a string (in it, '@@' is a literal '@').</item>
/// <item><c>{"value": "@...", "type": "Expression"}</c> is an expression object; <see cref="Resolve"/> replaces it by its value.</item>
/// </list>
/// Errors are CmException ExpressionInvalid, with messages that start "InvalidTemplate:" as ADF's do.
/// </summary>
public static class AdfExpression
{
    /// <summary>Evaluates one JSON string value (literal text, an expression, or interpolated text).</summary>
    public static JsonNode? Evaluate(string text, ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var template = ExpressionTemplate.Parse(text);
        if (template.Literal is not null)
        {
            return JsonValue.Create(template.Literal);
        }

        if (template.Whole is not null)
        {
            return ExpressionValues.Detach(ExpressionEvaluator.Evaluate(template.Whole, context, text[1..]));
        }

        var sb = new StringBuilder();
        foreach (var part in template.Parts!)
        {
            sb.Append(part.Node is null ? part.Text : ExpressionValues.ToText(ExpressionEvaluator.Evaluate(part.Node, context, part.Text)));
        }

        return JsonValue.Create(sb.ToString());
    }

    /// <summary>
    /// A copy of <paramref name="node"/> with every expression replaced by its value: strings, expression objects,
    /// and everything inside objects and arrays. SecureString objects are copied as they are (never evaluated).
    /// </summary>
    public static JsonNode? Resolve(JsonNode? node, ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when AdfJson.TryGetString(value, out var text):
                return Evaluate(text, context);
            case JsonValue value:
                return value.DeepClone();
            case JsonObject obj when AdfJson.IsExpressionObject(obj, out var expression):
                return Evaluate(expression, context);
            case JsonObject obj when AdfJson.IsSecureString(obj, out _):
                return obj.DeepClone();
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    result[key] = Resolve(child, context);
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(child => Resolve(child, context)).ToArray());
            default:
                return node.DeepClone();
        }
    }

    /// <summary>Throws ExpressionInvalid when the text holds an expression that does not parse.</summary>
    public static void Validate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _ = ExpressionTemplate.Parse(text);
    }

    /// <summary>Whether a JSON string value holds an expression (starts with '@' but not '@@', or contains '@{').</summary>
    public static bool IsExpression(string text) => text is not null && ExpressionTemplate.HasExpression(text);

    /// <summary>Quotes text for use inside interpolated text: every '@' becomes '@@'.</summary>
    public static string EscapeLiteral(string text) => text.Replace("@", "@@", StringComparison.Ordinal);

    /// <summary>A single-quoted string literal of the expression language ('' for a quote).</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
