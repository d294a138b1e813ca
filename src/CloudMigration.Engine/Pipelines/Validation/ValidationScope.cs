using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Validation;

/// <summary>
/// The resource being validated and the readers every validator shares. Each reader takes the property's path
/// and throws CmException PipelineInvalid, "BadRequest: ... (at 'path')", when the JSON is not what ADF takes.
/// </summary>
internal sealed class ValidationScope
{
    private readonly Func<FactoryResourceKind, string, bool> exists;
    private readonly Func<string, bool>? integrationRuntimeExists;

    public ValidationScope(FactoryResourceKind kind, string name, Func<FactoryResourceKind, string, bool> exists, Func<string, bool>? integrationRuntimeExists)
    {
        Kind = kind;
        Name = name;
        this.exists = exists;
        this.integrationRuntimeExists = integrationRuntimeExists;
    }

    public FactoryResourceKind Kind { get; }

    public string Name { get; }

    public string What => Kind switch
    {
        FactoryResourceKind.LinkedService => "linked service",
        FactoryResourceKind.Dataset => "dataset",
        _ => "pipeline",
    };

    public CmException Invalid(string path, string problem, string? action = null) =>
        new(ErrorIds.PipelineInvalid, CmErrorCategory.InvalidData,
            $"BadRequest: The {What} '{Name}' is not valid: {problem} (at '{path}').",
            action ?? $"Correct '{path}' in the {What}'s JSON; see the Azure Data Factory REST reference (api-version 2018-06-01).",
            path);

    public CmException InvalidExpression(string path, string problem) =>
        new(ErrorIds.ExpressionInvalid, CmErrorCategory.InvalidData,
            $"InvalidTemplate: The {What} '{Name}' has an expression that is not valid: {problem} (at '{path}').",
            "Correct the expression; see the Azure Data Factory expression language reference.",
            path);

    public JsonObject RequireObject(JsonObject parent, string property, string path)
    {
        var node = parent[property];
        var at = AdfJson.Member(path, property);
        if (node is null)
        {
            throw Invalid(at, $"the required property '{property}' is missing");
        }

        return node as JsonObject ?? throw Invalid(at, $"'{property}' must be an object, not {AdfJson.KindOf(node)}");
    }

    public JsonObject? OptionalObject(JsonObject parent, string property, string path)
    {
        var node = parent[property];
        if (AdfJson.IsNull(node))
        {
            return null;
        }

        return node as JsonObject ?? throw Invalid(AdfJson.Member(path, property), $"'{property}' must be an object, not {AdfJson.KindOf(node)}");
    }

    public JsonArray RequireArray(JsonObject parent, string property, string path)
    {
        var node = parent[property];
        var at = AdfJson.Member(path, property);
        if (node is null)
        {
            throw Invalid(at, $"the required property '{property}' is missing");
        }

        return node as JsonArray ?? throw Invalid(at, $"'{property}' must be an array, not {AdfJson.KindOf(node)}");
    }

    public JsonArray? OptionalArray(JsonObject parent, string property, string path)
    {
        var node = parent[property];
        if (AdfJson.IsNull(node))
        {
            return null;
        }

        return node as JsonArray ?? throw Invalid(AdfJson.Member(path, property), $"'{property}' must be an array, not {AdfJson.KindOf(node)}");
    }

    public string RequireString(JsonObject parent, string property, string path)
    {
        var node = parent[property];
        var at = AdfJson.Member(path, property);
        if (node is null)
        {
            throw Invalid(at, $"the required property '{property}' is missing");
        }

        if (!AdfJson.TryGetString(node, out var text))
        {
            throw Invalid(at, $"'{property}' must be a string, not {AdfJson.KindOf(node)}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid(at, $"'{property}' must not be empty");
        }

        return text;
    }

    public string? OptionalString(JsonObject parent, string property, string path)
    {
        var node = parent[property];
        if (AdfJson.IsNull(node))
        {
            return null;
        }

        return AdfJson.TryGetString(node, out var text) ? text : throw Invalid(AdfJson.Member(path, property), $"'{property}' must be a string, not {AdfJson.KindOf(node)}");
    }

    /// <summary>A value ADF types "string (or Expression with resultType string)": a string or an expression object.</summary>
    public void StringOrExpression(JsonObject parent, string property, string path, bool required, bool allowSecureString = false)
    {
        var node = parent[property];
        var at = AdfJson.Member(path, property);
        if (AdfJson.IsNull(node))
        {
            if (required)
            {
                throw Invalid(at, $"the required property '{property}' is missing");
            }

            return;
        }

        if (AdfJson.TryGetString(node, out var text))
        {
            if (required && string.IsNullOrWhiteSpace(text))
            {
                throw Invalid(at, $"'{property}' must not be empty");
            }

            return;
        }

        if (AdfJson.IsExpressionObject(node, out _) || (allowSecureString && AdfJson.IsSecureString(node, out _)))
        {
            return;
        }

        throw Invalid(at, $"'{property}' must be a string or an expression object {{\"value\": \"@...\", \"type\": \"Expression\"}}, not {AdfJson.KindOf(node)}");
    }

    /// <summary>A boolean, or a string/expression object that evaluates to one.</summary>
    public void BooleanOrExpression(JsonObject parent, string property, string path)
    {
        var node = parent[property];
        if (AdfJson.IsNull(node) || AdfJson.TryGetBoolean(node, out _) || AdfJson.IsExpressionObject(node, out _)
            || (AdfJson.TryGetString(node, out var text) && (AdfExpression.IsExpression(text) || bool.TryParse(text, out _))))
        {
            return;
        }

        throw Invalid(AdfJson.Member(path, property), $"'{property}' must be true, false or an expression, not {AdfJson.KindOf(node)}");
    }

    /// <summary>A literal of an enumeration (case-insensitive), or an expression decided at run time.</summary>
    public void EnumOrExpression(JsonObject parent, string property, string path, IReadOnlyList<string> allowed)
    {
        var node = parent[property];
        if (AdfJson.IsNull(node) || AdfJson.IsExpressionObject(node, out _))
        {
            return;
        }

        var at = AdfJson.Member(path, property);
        if (!AdfJson.TryGetString(node, out var text))
        {
            throw Invalid(at, $"'{property}' must be one of {string.Join(", ", allowed)}, not {AdfJson.KindOf(node)}");
        }

        if (!AdfExpression.IsExpression(text) && !allowed.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid(at, $"'{text}' is not a valid value of '{property}'; the engine supports {string.Join(", ", allowed)}");
        }
    }

    /// <summary>A reference object of the given type; its target must exist (checked through the factory's callback).</summary>
    public AdfReference Reference(JsonObject parent, string property, string path, string referenceType, bool required = true) =>
        ReferenceAt(parent[property], AdfJson.Member(path, property), property, referenceType, required)!;

    public AdfReference? ReferenceAt(JsonNode? node, string at, string property, string referenceType, bool required)
    {
        if (AdfJson.IsNull(node))
        {
            return required ? throw Invalid(at, $"the required reference '{property}' is missing") : null;
        }

        if (node is not JsonObject obj)
        {
            throw Invalid(at, $"'{property}' must be a reference object {{\"referenceName\": ..., \"type\": \"{referenceType}\"}}, not {AdfJson.KindOf(node)}");
        }

        var name = RequireString(obj, "referenceName", at);
        var type = RequireString(obj, "type", at);
        if (!string.Equals(type, referenceType, StringComparison.Ordinal))
        {
            throw Invalid(AdfJson.Member(at, "type"), $"the reference type must be '{referenceType}', not '{type}'");
        }

        OptionalObject(obj, "parameters", at);
        switch (referenceType)
        {
            case ReferenceTypes.Dataset:
                RequireExisting(FactoryResourceKind.Dataset, name, AdfJson.Member(at, "referenceName"));
                break;
            case ReferenceTypes.LinkedService:
                RequireExisting(FactoryResourceKind.LinkedService, name, AdfJson.Member(at, "referenceName"));
                break;
            case ReferenceTypes.IntegrationRuntime:
                if (!AdfNames.IsValidFactoryOrRuntimeName(name))
                {
                    throw Invalid(AdfJson.Member(at, "referenceName"),
                        $"'{name}' is not a valid integration runtime name (letters, digits and single hyphens between them, 3 to 63 characters)");
                }

                if (integrationRuntimeExists is not null && !integrationRuntimeExists(name))
                {
                    throw Dangling(AdfJson.Member(at, "referenceName"), "integration runtime", name);
                }

                break;
        }

        return AdfReference.From(obj)!;
    }

    public void RequireExisting(FactoryResourceKind kind, string name, string at)
    {
        if (!AdfNames.IsValidResourceName(name) || !exists(kind, name))
        {
            throw Dangling(at, kind == FactoryResourceKind.Dataset ? "dataset" : kind == FactoryResourceKind.LinkedService ? "linked service" : "pipeline", name);
        }
    }

    /// <summary>A "parameters" object of declarations (ParameterDefinitionSpecification): each {"type": one of ADF's types, "defaultValue"?}.</summary>
    public void ParameterDeclarations(JsonObject? parameters, string path, int? limit = null)
    {
        if (parameters is null)
        {
            return;
        }

        if (limit is { } max && parameters.Count > max)
        {
            throw Invalid(path, $"there are {parameters.Count} parameters; Azure Data Factory takes at most {max}");
        }

        foreach (var (name, spec) in parameters)
        {
            var at = AdfJson.Member(path, name);
            if (spec is not JsonObject obj)
            {
                throw Invalid(at, $"the parameter '{name}' must be an object {{\"type\": ...}}, not {AdfJson.KindOf(spec)}");
            }

            var type = RequireString(obj, "type", at);
            if (!PipelineParameter.Types.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid(AdfJson.Member(at, "type"), $"'{type}' is not a parameter type; ADF takes {string.Join(", ", PipelineParameter.Types)}");
            }
        }
    }

    private CmException Dangling(string at, string kind, string name) =>
        new(ErrorIds.PipelineInvalid, CmErrorCategory.ObjectNotFound,
            $"BadRequest: The {What} '{Name}' refers to the {kind} '{name}', which does not exist in the factory (at '{at}').",
            $"Create the {kind} '{name}' first, or correct the reference.",
            at);
}
