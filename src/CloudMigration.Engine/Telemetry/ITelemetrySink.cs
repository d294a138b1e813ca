namespace CloudMigration.Engine.Telemetry;

/// <summary>Where emitted events go. A sink receives only allowed keys and redacted values; it may throw (the emitter counts and swallows it).</summary>
public interface ITelemetrySink
{
    /// <summary>Stores one event.</summary>
    void Write(TelemetryEvent telemetryEvent);
}
