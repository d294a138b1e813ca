using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Telemetry;

/// <summary>
/// Emits telemetry events: each becomes an activity event on the <see cref="ActivitySource"/> "CloudMigration"
/// (for anyone listening in-process) and a record in every sink (by default <see cref="JsonLinesTelemetrySink"/>,
/// a local file; nothing leaves the machine). Only the keys the catalog allows for the event are kept, and every
/// dimension value goes through <see cref="SecretRedactor.Redact"/> first. Emitting never throws.
/// </summary>
public static class Telemetry
{
    /// <summary>The name of the activity source and meter.</summary>
    public const string SourceName = "CloudMigration";

    private static readonly Meter Meter = new(SourceName);
    private static readonly Counter<long> EventCounter = Meter.CreateCounter<long>("cm.telemetry.events", description: "Telemetry events emitted");
    private static readonly object SinkLock = new();
    private static ITelemetrySink[] sinks = [new JsonLinesTelemetrySink()];
    private static long failures;
    private static long droppedKeys;

    /// <summary>The activity source every event is written to as an activity event.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>How many times a sink (or the emitter itself) failed; such failures are swallowed.</summary>
    public static long Failures => Interlocked.Read(ref failures);

    /// <summary>How many dimension or measure keys were dropped because the catalog does not allow them for their event.</summary>
    public static long DroppedKeys => Interlocked.Read(ref droppedKeys);

    /// <summary>
    /// Emits a cataloged event. Numbers (and <see cref="TimeSpan"/>s, as milliseconds) become measures; everything
    /// else becomes a text dimension; null values are left out.
    /// </summary>
    public static void Emit(TelemetryEventDefinition definition, params (string Key, object? Value)[] values)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(definition);
            var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
            var measures = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in values ?? [])
            {
                switch (value)
                {
                    case null:
                        break;
                    case TimeSpan span:
                        measures[key] = span.TotalMilliseconds;
                        break;
                    case int or long or double or float or decimal or short or byte or uint or ulong:
                        measures[key] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                        break;
                    case bool flag:
                        dimensions[key] = flag ? "true" : "false";
                        break;
                    default:
                        dimensions[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                        break;
                }
            }

            Emit(new TelemetryEvent { Id = definition.Id, Name = definition.Name, Dimensions = dimensions, Measures = measures });
        }
#pragma warning disable CA1031 // telemetry must never break the operation it describes
        catch (Exception)
        {
            Interlocked.Increment(ref failures);
        }
    }

    /// <summary>
    /// Emits an event: an id not in <see cref="TelemetryEvents"/> is dropped; keys the catalog does not allow are dropped;
    /// dimension values are redacted. Never throws.
    /// </summary>
    public static void Emit(TelemetryEvent telemetryEvent)
    {
        try
        {
            if (TelemetryEvents.Find(telemetryEvent?.Id) is not { } definition)
            {
                Interlocked.Increment(ref droppedKeys);
                return;
            }

            var clean = Sanitize(telemetryEvent!, definition);
            EventCounter.Add(1, new KeyValuePair<string, object?>("event.id", clean.Id));
            using (var activity = Source.StartActivity(clean.Name, ActivityKind.Internal))
            {
                if (activity is not null)
                {
                    var tags = new ActivityTagsCollection { ["event.id"] = clean.Id };
                    foreach (var (key, value) in clean.Dimensions)
                    {
                        tags[key] = value;
                    }

                    foreach (var (key, value) in clean.Measures)
                    {
                        tags[key] = value;
                    }

                    activity.AddEvent(new ActivityEvent(clean.Name, clean.Timestamp, tags));
                }
            }

            foreach (var sink in Volatile.Read(ref sinks))
            {
                try
                {
                    sink.Write(clean);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }
        catch (Exception)
        {
            Interlocked.Increment(ref failures);
        }
#pragma warning restore CA1031
    }

    /// <summary>Adds a sink until the returned object is disposed (tests, or another exporter).</summary>
    internal static IDisposable AddSink(ITelemetrySink sink)
    {
        lock (SinkLock)
        {
            sinks = [.. sinks, sink];
        }

        return new SinkRegistration(sink);
    }

    private static TelemetryEvent Sanitize(TelemetryEvent source, TelemetryEventDefinition definition)
    {
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source.Dimensions ?? new Dictionary<string, string>())
        {
            if (definition.AllowedKeys.Contains(key))
            {
                dimensions[key] = SecretRedactor.Redact(value);
            }
            else
            {
                Interlocked.Increment(ref droppedKeys);
            }
        }

        var measures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in source.Measures ?? new Dictionary<string, double>())
        {
            if (definition.AllowedKeys.Contains(key) && double.IsFinite(value))
            {
                measures[key] = value;
            }
            else
            {
                Interlocked.Increment(ref droppedKeys);
            }
        }

        return new TelemetryEvent
        {
            Id = definition.Id,
            Name = definition.Name,
            Timestamp = source.Timestamp.ToUniversalTime(),
            Dimensions = dimensions,
            Measures = measures,
        };
    }

    private sealed class SinkRegistration(ITelemetrySink sink) : IDisposable
    {
        public void Dispose()
        {
            lock (SinkLock)
            {
                sinks = sinks.Where(s => !ReferenceEquals(s, sink)).ToArray();
            }
        }
    }
}
