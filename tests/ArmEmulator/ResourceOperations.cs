using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>
/// Linked services, datasets and pipelines: list, create or update (validated by the engine as ADF would), get
/// (secrets masked "**********"), delete (200, or 204 when missing; refused with 400 while referenced).
/// </summary>
internal static class ResourceOperations
{
    private static readonly (FactoryResourceKind Kind, string Segment, string Operation)[] Kinds =
    [
        (FactoryResourceKind.LinkedService, "linkedservices", "LinkedServices"),
        (FactoryResourceKind.Dataset, "datasets", "Datasets"),
        (FactoryResourceKind.Pipeline, "pipelines", "Pipelines"),
    ];

    public static IEnumerable<ArmOperation> All => Kinds.SelectMany(k => new ArmOperation[]
    {
        new("GET", k.Segment, $"{k.Operation}_ListByFactory", r => ListAsync(r, k.Kind, k.Segment)),
        new("PUT", k.Segment + "/{}", $"{k.Operation}_CreateOrUpdate", r => PutAsync(r, k.Kind, k.Segment)),
        new("GET", k.Segment + "/{}", $"{k.Operation}_Get", r => GetAsync(r, k.Kind, k.Segment)),
        new("DELETE", k.Segment + "/{}", $"{k.Operation}_Delete", r => DeleteAsync(r, k.Kind)),
    });

    private static async Task<ArmResult> ListAsync(ArmRequest request, FactoryResourceKind kind, string segment)
    {
        var factory = await request.FactoryAsync();
        var items = new List<JsonNode>();
        foreach (var name in await factory.ListResourcesAsync(kind, request.CancellationToken))
        {
            if (await factory.GetResourceAsync(kind, name, request.CancellationToken) is { } definition)
            {
                items.Add(ArmJson.Resource(request.Route, segment, name, definition["properties"]));
            }
        }

        return Paging.List(request, items);
    }

    private static async Task<ArmResult> PutAsync(ArmRequest request, FactoryResourceKind kind, string segment)
    {
        if (request.BodyObject["properties"] is not JsonObject properties)
        {
            return ArmErrors.BadRequest($"The {kind} '{request.Name}' has no 'properties' object.");
        }

        var factory = await request.FactoryAsync();
        await factory.PutResourceAsync(kind, request.Name, new JsonObject { ["properties"] = properties.DeepClone() }, request.CancellationToken);
        return await GetAsync(request, kind, segment);
    }

    private static async Task<ArmResult> GetAsync(ArmRequest request, FactoryResourceKind kind, string segment)
    {
        var factory = await request.FactoryAsync();
        return await factory.GetResourceAsync(kind, request.Name, request.CancellationToken) is { } definition
            ? ArmResult.Ok(ArmJson.Resource(request.Route, segment, definition["name"]?.GetValue<string>() ?? request.Name, definition["properties"]))
            : ArmResult.Error(404, "NotFound", $"Entity {request.Name} not found", request.Name);
    }

    private static async Task<ArmResult> DeleteAsync(ArmRequest request, FactoryResourceKind kind)
    {
        var factory = await request.FactoryAsync();
        if (await factory.GetResourceAsync(kind, request.Name, request.CancellationToken) is null)
        {
            return ArmResult.NoContent();
        }

        await factory.DeleteResourceAsync(kind, request.Name, request.CancellationToken);
        return new ArmResult(200);
    }
}
