namespace CloudMigration.Engine.Telemetry;

/// <summary>
/// A cataloged event: its stable id, name, the Microsoft event it corresponds to (if any) and the only
/// dimension and measure keys it may carry. Keys not listed here are dropped when the event is emitted.
/// </summary>
public sealed class TelemetryEventDefinition
{
    internal TelemetryEventDefinition(string id, string name, string? microsoftEventId, params string[] allowedKeys)
    {
        Id = id;
        Name = name;
        MicrosoftEventId = microsoftEventId;
        AllowedKeys = new HashSet<string>(allowedKeys, StringComparer.Ordinal);
    }

    /// <summary>The stable id ("CM…"); never changes once published.</summary>
    public string Id { get; }

    /// <summary>A readable name of the event.</summary>
    public string Name { get; }

    /// <summary>The id of Microsoft's Cloud Migration telemetry event this one corresponds to, if there is one.</summary>
    public string? MicrosoftEventId { get; }

    /// <summary>The dimension and measure keys the event may carry; anything else is dropped.</summary>
    public IReadOnlySet<string> AllowedKeys { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Name}";
}
