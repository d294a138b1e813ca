using System.Text.Json;

namespace CloudMigration.Engine.Telemetry;

/// <summary>
/// The default sink: appends one JSON object per line to a local file, <c>CM_TELEMETRY_PATH</c>, else
/// <see cref="Environment.SpecialFolder.LocalApplicationData"/>/CloudMigration/telemetry.jsonl. Several processes
/// may write at once: the file is opened shared for appending, locked (threads of this process take turns, other
/// processes hold a lock of the file; macOS has no such lock) and each line is written whole at its end in one call,
/// retrying briefly while another process holds the lock. <c>CM_TELEMETRY_OPTOUT</c>
/// = 1 or true disables writing entirely (no file or folder is created). Both variables are read on every write.
/// </summary>
public sealed class JsonLinesTelemetrySink(string? path = null) : ITelemetrySink
{
    /// <summary>The environment variable naming the file.</summary>
    public const string PathVariable = "CM_TELEMETRY_PATH";

    /// <summary>The environment variable that turns telemetry off (1 or true).</summary>
    public const string OptOutVariable = "CM_TELEMETRY_OPTOUT";

    private const int Attempts = 20;

    // Record locks are per process (fcntl), so writers in this process take turns here first.
    private static readonly object WriteLock = new();

    /// <summary>True when <c>CM_TELEMETRY_OPTOUT</c> is 1 or true.</summary>
    public static bool IsOptedOut =>
        Environment.GetEnvironmentVariable(OptOutVariable)?.Trim() is { } value
        && (value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>CM_TELEMETRY_PATH</c>, else the file in the user's local application data.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured)
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "CloudMigration", "telemetry.jsonl");

    /// <summary>The file written to: the path given to the constructor, else <see cref="DefaultPath"/>.</summary>
    public string Path => path ?? DefaultPath;

    /// <inheritdoc />
    public void Write(TelemetryEvent telemetryEvent)
    {
        ArgumentNullException.ThrowIfNull(telemetryEvent);
        if (IsOptedOut)
        {
            return;
        }

        var line = Serialize(telemetryEvent);
        var file = Path;
        if (System.IO.Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Append(file, line);
                return;
            }
            catch (IOException) when (attempt < Attempts)
            {
                Thread.Sleep(Random.Shared.Next(5, 10 + (attempt * 5)));
            }
        }
    }

    /// <summary>The JSON line (with its newline) of an event.</summary>
    internal static byte[] Serialize(TelemetryEvent telemetryEvent)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", telemetryEvent.Timestamp.ToUniversalTime().UtcDateTime);
            writer.WriteString("id", telemetryEvent.Id);
            writer.WriteString("name", telemetryEvent.Name);
            writer.WriteStartObject("dimensions");
            foreach (var (key, value) in telemetryEvent.Dimensions)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("measures");
            foreach (var (key, value) in telemetryEvent.Measures)
            {
                writer.WriteNumber(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void Append(string file, byte[] line)
    {
        lock (WriteLock)
        {
            // BufferSize 0: the line goes to the file in one write call, at the end as it is once the lock is held.
            using var stream = new FileStream(file, new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
            var locked = !OperatingSystem.IsMacOS();
            if (locked)
            {
                stream.Lock(0, long.MaxValue); // held by another process: IOException, and the caller retries
            }

            try
            {
                stream.Seek(0, SeekOrigin.End);
                stream.Write(line);
            }
            finally
            {
                if (locked)
                {
                    stream.Unlock(0, long.MaxValue);
                }
            }
        }
    }
}
