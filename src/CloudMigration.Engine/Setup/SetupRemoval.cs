namespace CloudMigration.Engine.Setup;

/// <summary>What Remove-CmSetup removed.</summary>
public sealed class SetupRemoval
{
    public required string SetupId { get; init; }

    public required string Destination { get; init; }

    public string? Factory { get; init; }

    /// <summary>Each thing removed, e.g. "Pipeline 'CmReplication_1a2b3c4d'", "Control schema of 'BC'".</summary>
    public required IReadOnlyList<string> Removed { get; init; }

    public string Message { get; init; } = string.Empty;

    public override string ToString() => $"{SetupId}: {Removed.Count} removed";
}
