using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>Evaluates a parsed expression in a context. Results may share nodes with the context; callers detach them.</summary>
internal static class ExpressionEvaluator
{
    public static JsonNode? Evaluate(ExpressionNode node, ExpressionContext context, string source)
    {
        JsonNode? Eval(ExpressionNode n) => n switch
        {
            LiteralNode literal => literal.Value?.DeepClone(),
            CallNode call => Call(call),
            MemberNode member => Member(member, Eval(member.Target)),
            IndexNode index => Index(index, Eval(index.Target), Eval(index.Index)),
            _ => throw new InvalidOperationException("Unknown expression node " + n.GetType().Name),
        };

        JsonNode? Call(CallNode call)
        {
            ExpressionFunctions.TryGet(call.Name, out var function);
            return function.Invoke(new FunctionCall(call, context, source, Eval));
        }

        JsonNode? Member(MemberNode member, JsonNode? target)
        {
            if (ExpressionValues.IsNull(target))
            {
                return member.NullSafe ? null
                    : throw ExpressionErrors.Evaluation(source, $"property '{member.Name}' cannot be selected: the value it is selected from is null (use '?.' to read it as null).");
            }

            if (target is not JsonObject obj)
            {
                throw ExpressionErrors.Evaluation(source, $"property '{member.Name}' cannot be selected: property selection is not supported on values of type '{ExpressionValues.TypeName(target)}'.");
            }

            if (ExpressionValues.TryGetProperty(obj, member.Name, out var value))
            {
                return value;
            }

            return member.NullSafe ? null
                : throw ExpressionErrors.Evaluation(source, $"property '{member.Name}' doesn't exist, available properties are '{string.Join(", ", obj.Select(p => p.Key))}'.");
        }

        JsonNode? Index(IndexNode index, JsonNode? target, JsonNode? key)
        {
            if (ExpressionValues.IsNull(target))
            {
                return index.NullSafe ? null
                    : throw ExpressionErrors.Evaluation(source, "an index cannot be applied to a null value (use '?[' to read it as null).");
            }

            if (target is JsonArray array && ExpressionValues.TryGetInteger(key, out var position))
            {
                if (position >= 0 && position < array.Count)
                {
                    return array[(int)position];
                }

                return index.NullSafe ? null
                    : throw ExpressionErrors.Evaluation(source, $"the index {position} is outside the bounds of the array (length {array.Count}).");
            }

            if (target is JsonObject obj && ExpressionValues.IsString(key, out var name))
            {
                if (ExpressionValues.TryGetProperty(obj, name, out var value))
                {
                    return value;
                }

                return index.NullSafe ? null
                    : throw ExpressionErrors.Evaluation(source, $"property '{name}' doesn't exist, available properties are '{string.Join(", ", obj.Select(p => p.Key))}'.");
            }

            throw ExpressionErrors.Evaluation(source, $"a value of type '{ExpressionValues.TypeName(key)}' cannot index a value of type '{ExpressionValues.TypeName(target)}'.");
        }

        return Eval(node);
    }
}
