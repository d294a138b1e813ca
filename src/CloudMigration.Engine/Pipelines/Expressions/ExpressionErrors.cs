using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>The errors of the expression language, worded like ADF's ("InvalidTemplate: ...").</summary>
internal static class ExpressionErrors
{
    /// <summary>The text is not an expression (a syntax error, an unknown function).</summary>
    public static CmException Syntax(string expression, string detail) =>
        new(ErrorIds.ExpressionInvalid, CmErrorCategory.InvalidData,
            $"InvalidTemplate: The template language expression '{expression}' is not valid: {detail}",
            "Correct the expression; see the Azure Data Factory expression language reference (functions, quoting with single quotes, '@@' for a literal '@').",
            expression);

    /// <summary>The expression is well formed but cannot be evaluated here (a missing property, a wrong type).</summary>
    public static CmException Evaluation(string expression, string detail) =>
        new(ErrorIds.ExpressionInvalid, CmErrorCategory.InvalidData,
            $"InvalidTemplate: The expression '{expression}' cannot be evaluated because {detail}",
            "Check the values the expression reads (parameters, item(), activity outputs) and the functions' argument types.",
            expression);
}
