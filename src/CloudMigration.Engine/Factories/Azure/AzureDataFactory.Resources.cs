using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

public sealed partial class AzureDataFactory
{
    /// <summary>
    /// PUT of a linked service, dataset or pipeline: the definition's "properties" sent as ADF's body
    /// <c>{"properties": ...}</c>, SecureString values as given. ADF's refusals are <c>PipelineInvalid</c>.
    /// </summary>
    public async Task PutResourceAsync(FactoryResourceKind kind, string name, JsonObject definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        AdfNames.RequireResourceName(name, kind);
        var call = new AdfCall($"write the {kind} '{name}'", name) { InvalidId = ErrorIds.PipelineInvalid, NotFoundId = ErrorIds.ResourceNotFound };
        var body = new JsonObject { ["properties"] = definition["properties"]?.DeepClone() };
        await client.SendAsync(AdfRequest.Put(ResourcePath(kind, name), body), call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET, unwrapped from ARM's envelope to <c>{"name", "properties"}</c> (secrets as ADF masks them), or null.</summary>
    public async Task<JsonObject?> GetResourceAsync(FactoryResourceKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var call = new AdfCall($"read the {kind} '{name}'", name);
        var exchange = await client.SendOrNullAsync(AdfRequest.Get(ResourcePath(kind, name)), call, cancellationToken).ConfigureAwait(false);
        if (exchange is null)
        {
            return null;
        }

        var resource = exchange.Json(call);
        return new JsonObject
        {
            ["properties"] = resource["properties"]?.DeepClone(),
            ["name"] = AdfJsonValues.String(resource, "name") ?? name,
        };
    }

    public async Task<IReadOnlyList<string>> ListResourcesAsync(FactoryResourceKind kind, CancellationToken cancellationToken)
    {
        var items = await client.ListAsync("/" + Segment(kind), new AdfCall($"list the {kind} resources"), cancellationToken).ConfigureAwait(false);
        return items.Select(i => AdfJsonValues.String(i, "name")).OfType<string>().Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>DELETE; 200, 204 and 404 are all success. ADF refuses while something refers to it (<c>ResourceInUse</c>).</summary>
    public Task DeleteResourceAsync(FactoryResourceKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var call = new AdfCall($"delete the {kind} '{name}'", name) { InUseId = ErrorIds.ResourceInUse };
        return client.DeleteAsync(ResourcePath(kind, name), call, cancellationToken);
    }

    /// <summary>The REST path segment of a kind.</summary>
    internal static string Segment(FactoryResourceKind kind) => kind switch
    {
        FactoryResourceKind.LinkedService => "linkedservices",
        FactoryResourceKind.Dataset => "datasets",
        FactoryResourceKind.Pipeline => "pipelines",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string ResourcePath(FactoryResourceKind kind, string name) => $"/{Segment(kind)}/{AdfRequest.Segment(name)}";
}
