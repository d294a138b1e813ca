using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Validation;

/// <summary>
/// Parses every expression under a JSON node and checks that the scope functions it calls are available where it
/// stands (item() only inside a ForEach, activity() only for ancestors, dataset() only in datasets, ...).
/// </summary>
internal static class ExpressionChecker
{
    public static void Check(ValidationScope scope, JsonNode? node, string path, ExpressionRules rules)
    {
        switch (node)
        {
            case JsonValue value when AdfJson.TryGetString(value, out var text):
                CheckText(scope, text, path, rules);
                break;
            case JsonObject obj when AdfJson.IsExpressionObject(obj, out var expression):
                CheckText(scope, expression, AdfJson.Member(path, "value"), rules);
                break;
            case JsonObject obj when AdfJson.IsSecureString(obj, out _):
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Check(scope, child, AdfJson.Member(path, key), rules);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(scope, array[i], AdfJson.Index(path, i), rules);
                }

                break;
        }
    }

    private static void CheckText(ValidationScope scope, string text, string path, ExpressionRules rules)
    {
        if (!AdfExpression.IsExpression(text))
        {
            return;
        }

        ExpressionTemplate template;
        try
        {
            template = ExpressionTemplate.Parse(text);
        }
        catch (CmException ex) when (ex.ErrorId == ErrorIds.ExpressionInvalid)
        {
            throw scope.InvalidExpression(path, ex.Message.StartsWith("InvalidTemplate: ", StringComparison.Ordinal) ? ex.Message["InvalidTemplate: ".Length..] : ex.Message);
        }

        foreach (var (expression, source) in template.Expressions)
        {
            CheckNode(scope, expression, source, path, rules);
        }
    }

    private static void CheckNode(ValidationScope scope, ExpressionNode node, string source, string path, ExpressionRules rules)
    {
        switch (node)
        {
            case CallNode call:
                CheckCall(scope, call, source, path, rules);
                foreach (var argument in call.Arguments)
                {
                    CheckNode(scope, argument, source, path, rules);
                }

                break;
            case MemberNode member:
                CheckNode(scope, member.Target, source, path, rules);
                break;
            case IndexNode index:
                CheckNode(scope, index.Target, source, path, rules);
                CheckNode(scope, index.Index, source, path, rules);
                break;
        }
    }

    private static void CheckCall(ValidationScope scope, CallNode call, string source, string path, ExpressionRules rules)
    {
        string? problem = call.Name switch
        {
            "item" when !rules.AllowItem => "the template function 'item' is not expected at this location: item() is only available in the activities inside a ForEach",
            "pipeline" when !rules.AllowPipeline => $"pipeline() is not available in a {scope.What}",
            "dataset" when !rules.AllowDataset => "dataset() is only available in the properties of a dataset",
            "linkedService" when !rules.AllowLinkedService => "linkedService() is only available in the properties of a linked service",
            "activity" when rules.ActivityVisible is null => $"activity() is not available in a {scope.What}",
            _ => null,
        };

        if (problem is null && call.Name == "activity" && call.Arguments is [LiteralNode { Value: JsonValue value }] && AdfJson.TryGetString(value, out var name)
            && !rules.ActivityVisible!(name))
        {
            problem = $"the output of activity '{name}' can't be referenced since it is either not an ancestor to the current activity or does not exist";
        }

        if (problem is not null)
        {
            throw scope.InvalidExpression(path, $"'{source}': {problem}");
        }
    }
}
