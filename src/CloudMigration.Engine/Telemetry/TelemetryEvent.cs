namespace CloudMigration.Engine.Telemetry;

/// <summary>
/// One telemetry event as it is stored: a stable id from <see cref="TelemetryEvents"/>, its name, when it
/// happened (UTC), text dimensions and numeric measures. <see cref="Telemetry.Emit(TelemetryEvent)"/> keeps only
/// the keys the catalog allows for the id and redacts every dimension value before any sink sees it.
/// </summary>
public sealed class TelemetryEvent
{
    /// <summary>The stable id ("CM…") from <see cref="TelemetryEvents"/>.</summary>
    public required string Id { get; init; }

    /// <summary>A readable name of the event.</summary>
    public required string Name { get; init; }

    /// <summary>When the event happened, in UTC.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Text values (counts and durations are <see cref="Measures"/>).</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    /// <summary>Numeric values: counts, sizes, durations.</summary>
    public IReadOnlyDictionary<string, double> Measures { get; init; } = new Dictionary<string, double>();

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Name}";
}
