namespace CloudMigration.ArmEmulator;

/// <summary>
/// A request path split at the factory: <c>/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.DataFactory/factories/{f}/rest...</c>
/// (literal segments without case, as ARM), or the subscription's factory list (<see cref="Factory"/> null).
/// </summary>
internal sealed record ArmRoute(string Subscription, string? ResourceGroup, string? Factory, IReadOnlyList<string> Rest)
{
    /// <summary>The factory's ARM id as the request spelled it.</summary>
    public string FactoryId => $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.DataFactory/factories/{Factory}";

    public static ArmRoute? Parse(string path)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length == 5 && Is(segments[0], "subscriptions") && Is(segments[2], "providers") && Is(segments[3], "Microsoft.DataFactory")
            && Is(segments[4], "factories"))
        {
            return new ArmRoute(segments[1], null, null, []);
        }

        if (segments.Length >= 8 && Is(segments[0], "subscriptions") && Is(segments[2], "resourceGroups") && Is(segments[4], "providers")
            && Is(segments[5], "Microsoft.DataFactory") && Is(segments[6], "factories"))
        {
            return new ArmRoute(segments[1], segments[3], segments[7], segments[8..]);
        }

        return null;
    }

    public static bool Is(string segment, string literal) => string.Equals(segment, literal, StringComparison.OrdinalIgnoreCase);
}
