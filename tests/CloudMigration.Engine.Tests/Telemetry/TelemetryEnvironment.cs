using System.Text.Json;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Tests.Telemetry;

/// <summary>Tests that change CM_TELEMETRY_* run alone: every emitter in the process reads those variables.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryEnvironmentCollection
{
    public const string Name = "Telemetry environment";
}

/// <summary>Points CM_TELEMETRY_PATH at a file in a fresh temp folder (opt-out cleared) and restores both variables on dispose.</summary>
internal sealed class TelemetryEnvironment : IDisposable
{
    private readonly string? oldPath = Environment.GetEnvironmentVariable(JsonLinesTelemetrySink.PathVariable);
    private readonly string? oldOptOut = Environment.GetEnvironmentVariable(JsonLinesTelemetrySink.OptOutVariable);

    public TelemetryEnvironment(string? optOut = null)
    {
        Environment.SetEnvironmentVariable(JsonLinesTelemetrySink.OptOutVariable, optOut);
        Environment.SetEnvironmentVariable(JsonLinesTelemetrySink.PathVariable, FilePath);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cm-telemetry-" + Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(Folder, "sub", "telemetry.jsonl");

    public string Text => File.Exists(FilePath) ? File.ReadAllText(FilePath) : string.Empty;

    /// <summary>Every line of the file parsed (a line that is not whole JSON fails the test).</summary>
    public IReadOnlyList<JsonElement> Lines(string? id = null) =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(e => id is null || e.GetProperty("id").GetString() == id)
            .ToList();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(JsonLinesTelemetrySink.PathVariable, oldPath);
        Environment.SetEnvironmentVariable(JsonLinesTelemetrySink.OptOutVariable, oldOptOut);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
