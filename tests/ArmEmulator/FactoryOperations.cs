using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>Factories_Get, Factories_CreateOrUpdate (registers the local factory) and Factories_List.</summary>
internal static class FactoryOperations
{
    public const string List = "Factories_List";

    public static IEnumerable<ArmOperation> All =>
    [
        new("GET", "", "Factories_Get", GetAsync),
        new("PUT", "", "Factories_CreateOrUpdate", PutAsync),
    ];

    /// <summary>Every factory of the store, as factories of the subscription.</summary>
    public static async Task<ArmResult> ListAsync(EmulatorState state, ArmRoute route, CancellationToken cancellationToken)
    {
        var factories = await state.Registry.ListAsync(cancellationToken);
        return ArmResult.Ok(ArmJson.Page(factories.Select(f =>
        {
            var (subscription, group) = state.WhereIs(f.Name, route.Subscription);
            return (JsonNode)ArmJson.Factory(new ArmRoute(subscription, group, f.Name, []).FactoryId, f, state.Options.Location);
        }), "nextLink", null));
    }

    private static async Task<ArmResult> GetAsync(ArmRequest request)
    {
        var factory = await request.FactoryAsync();
        var info = await factory.GetInfoAsync(request.CancellationToken);
        return ArmResult.Ok(ArmJson.Factory(request.Route.FactoryId, info, request.State.Options.Location));
    }

    private static async Task<ArmResult> PutAsync(ArmRequest request)
    {
        AdfNames.RequireFactoryName(request.Route.Factory);
        await request.State.RegisterAsync(request.Route.Factory!, request.CancellationToken);
        return await GetAsync(request);
    }
}
