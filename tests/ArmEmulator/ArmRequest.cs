using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>What a handler gets: the route, the names its pattern captured, the JSON body, paging, and the emulator's state.</summary>
internal sealed class ArmRequest(EmulatorState state, ArmRoute route, string[] names, JsonNode? body, Uri url, int skipToken, CancellationToken cancellationToken)
{
    public EmulatorState State { get; } = state;

    public ArmRoute Route { get; } = route;

    /// <summary>The first name the operation's pattern captured (an IR, resource or pipeline name, a run id).</summary>
    public string Name => names[0];

    public JsonNode? Body { get; } = body;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The body as an object ({} when there was none).</summary>
    public JsonObject BodyObject => Body as JsonObject ?? [];

    /// <summary>Where a GET list continues ($skipToken of the request).</summary>
    public int SkipToken { get; } = skipToken;

    /// <summary>The local factory the ARM factory maps to (registered on demand when the emulator is told to).</summary>
    public Task<LocalDataFactory> FactoryAsync() => State.OpenFactoryAsync(Route, CancellationToken);

    /// <summary>The nextLink of a list page that starts at <paramref name="skip"/>.</summary>
    public string NextLink(int skip) =>
        $"{url.GetLeftPart(UriPartial.Path)}?api-version={ArmDispatcher.ApiVersion}&$skipToken={skip.ToString(CultureInfo.InvariantCulture)}";
}
