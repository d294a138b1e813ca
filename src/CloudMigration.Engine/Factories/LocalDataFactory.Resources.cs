using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Factories;

public sealed partial class LocalDataFactory
{
    /// <summary>
    /// Creates or replaces a resource after ResourceValidator.Validate; a linked service must connect via
    /// an IR that exists (<c>IntegrationRuntimeNotFound</c>). SecureString values are stored encrypted.
    /// </summary>
    public Task PutResourceAsync(FactoryResourceKind kind, string name, JsonObject definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        cancellationToken.ThrowIfCancellationRequested();
        Store.Read(db => FactoryRows.Require(db, Name));
        ResourceValidator.Validate(kind, name, definition, (k, n) => Store.Read(db => ResourceRows.Exists(db, Name, k, n)));
        Store.Write(db =>
        {
            var factory = FactoryRows.Require(db, Name);
            if (kind == FactoryResourceKind.LinkedService)
            {
                foreach (var reference in ResourceReferences.Find(definition)
                    .Where(r => string.Equals(r.Type, ResourceReferences.IntegrationRuntimeReference, StringComparison.OrdinalIgnoreCase)))
                {
                    RuntimeRows.Require(db, factory, reference.Name);
                }
            }

            var stored = ResourceSecrets.Protect(definition, Store.Protector, ResourceSecrets.ContextOf(factory, kind, name));
            stored["name"] = name;
            ResourceRows.Upsert(db, factory, kind, name, stored, Store.Now);
        });
        return Task.CompletedTask;
    }

    /// <summary>The stored JSON with every SecureString value masked as "**********" (as ADF returns it), or null.</summary>
    public Task<JsonObject?> GetResourceAsync(FactoryResourceKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Read(db =>
            ResourceRows.Get(db, FactoryRows.Require(db, Name), kind, name) is { } row ? ResourceSecrets.MaskAll(row.Definition) : null));
    }

    public Task<IReadOnlyList<string>> ListResourcesAsync(FactoryResourceKind kind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<string>>(Store.Read(db => ResourceRows.Names(db, FactoryRows.Require(db, Name), kind)));
    }

    /// <summary>
    /// Deletes a resource; a missing one is not an error. Refused (<c>ResourceInUse</c>) while another resource refers to it
    /// (a pipeline to a dataset, linked service or pipeline; a dataset or linked service to a linked service).
    /// </summary>
    public Task DeleteResourceAsync(FactoryResourceKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        Store.Write(db =>
        {
            var factory = FactoryRows.Require(db, Name);
            if (ResourceRows.Get(db, factory, kind, name) is not { } target)
            {
                return;
            }

            var type = ResourceReferences.TypeOf(kind);
            var users = ResourceRows.All(db, factory)
                .Where(r => !(r.Kind == kind && string.Equals(r.Name, target.Name, StringComparison.OrdinalIgnoreCase))
                    && ResourceReferences.RefersTo(r.Definition, type, target.Name))
                .Select(r => $"{r.Kind} '{r.Name}'").ToList();
            if (users.Count > 0)
            {
                throw new CmException(ErrorIds.ResourceInUse, CmErrorCategory.InvalidOperation,
                    $"The {kind} '{target.Name}' is referenced by {string.Join(", ", users)}.",
                    "Delete what refers to it first: pipelines, then datasets, then linked services.", target.Name);
            }

            ResourceRows.Delete(db, factory, kind, target.Name);
        });
        return Task.CompletedTask;
    }
}
