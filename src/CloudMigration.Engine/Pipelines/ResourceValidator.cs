using System.Text;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Validation;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// Refuses, on create, what Azure Data Factory would refuse: bad names, JSON without "properties", unknown
/// types, missing required properties, references to resources that do not exist, duplicate or badly named
/// activities, dependencies on unknown activities or in a cycle, nested ForEach, batchCount over 50, more
/// than 40 activities or 50 parameters, pipeline JSON over 200 KB, and expressions that do not parse or call
/// a scope function where it is not available. Errors are CmException PipelineInvalid (ExpressionInvalid for
/// expressions) whose messages start with an ADF-like code ("BadRequest: ..." / "InvalidTemplate: ...") and
/// name the path of the offending property, which is also the exception's TargetObject.
/// </summary>
public static class ResourceValidator
{
    /// <param name="kind">Linked service, dataset or pipeline.</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="definition">Its ADF JSON.</param>
    /// <param name="exists">Whether a resource of a kind and name exists in the factory (for references).</param>
    public static void Validate(FactoryResourceKind kind, string name, JsonObject definition, Func<FactoryResourceKind, string, bool> exists) =>
        Validate(kind, name, definition, exists, integrationRuntimeExists: null);

    /// <param name="kind">Linked service, dataset or pipeline.</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="definition">Its ADF JSON.</param>
    /// <param name="exists">Whether a resource of a kind and name exists in the factory (for references).</param>
    /// <param name="integrationRuntimeExists">
    /// Whether an integration runtime exists (for a linked service's connectVia). Null: only the name's form is checked.
    /// </param>
    public static void Validate(FactoryResourceKind kind, string name, JsonObject definition, Func<FactoryResourceKind, string, bool> exists,
        Func<string, bool>? integrationRuntimeExists)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(exists);
        AdfNames.RequireResourceName(name, kind);
        var scope = new ValidationScope(kind, name, exists, integrationRuntimeExists);
        if (kind == FactoryResourceKind.Pipeline)
        {
            var bytes = Encoding.UTF8.GetByteCount(definition.ToJsonString(AdfJson.Compact));
            if (bytes > PipelineLimits.MaxPipelineBytes)
            {
                throw new CmException(ErrorIds.PipelineInvalid, CmErrorCategory.InvalidData,
                    $"BadRequest: The pipeline '{name}' is {bytes:N0} bytes of JSON; Azure Data Factory takes at most {PipelineLimits.MaxPipelineBytes:N0} (200 KB) (at 'properties').",
                    "Make the pipeline metadata-driven (a Lookup of a control table and a ForEach) instead of spelling out every table.", "properties");
            }
        }

        if (definition["properties"] is not JsonObject properties)
        {
            throw new CmException(ErrorIds.PipelineInvalid, CmErrorCategory.InvalidData,
                $"BadRequest: the {kind} '{name}' has no 'properties' object.",
                "Give the resource as ADF JSON: {\"properties\": {...}}.", name);
        }

        switch (kind)
        {
            case FactoryResourceKind.LinkedService:
                LinkedServiceValidator.Validate(scope, properties);
                break;
            case FactoryResourceKind.Dataset:
                DatasetValidator.Validate(scope, properties);
                break;
            case FactoryResourceKind.Pipeline:
                PipelineValidator.Validate(scope, properties);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only linked services, datasets and pipelines are validated as JSON.");
        }
    }
}
