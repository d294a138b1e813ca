using System.Security;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// A cloud migration setup as the destination's control schema records it (Start-CmSetup, Get-CmSetup): where it runs
/// (factory and why, integration runtime), what it covers (companies, tables by copy method), its pipelines, and each
/// step with its status and time. Holds no secret, except the key of an integration runtime this run created and
/// that still needs a node (a SecureString).
/// </summary>
public sealed class MigrationSetup
{
    public required string SetupId { get; init; }

    public required SetupStatus Status { get; init; }

    /// <summary>The destination (redacted display string).</summary>
    public required string Destination { get; init; }

    /// <summary>The source (redacted display string).</summary>
    public required string Source { get; init; }

    public string Product { get; init; } = "DynamicsSL";

    public string? Factory { get; init; }

    public string? FactoryKind { get; init; }

    /// <summary>Why this factory: named with -Factory, recorded by an earlier run, or the load balancer's reason.</summary>
    public string? FactoryReason { get; init; }

    /// <summary>The self-hosted integration runtime, or null when the source needs none.</summary>
    public string? IntegrationRuntime { get; init; }

    /// <summary>
    /// authKey1 of an integration runtime this run created and that has no node yet (register one with it); null otherwise.
    /// Get it again with Get-CmIntegrationRuntimeKey.
    /// </summary>
    public SecureString? IntegrationRuntimeKey { get; init; }

    /// <summary>The selected source companies (CpnyID).</summary>
    public required IReadOnlyList<string> Companies { get; init; }

    /// <summary>How many companies the source has (collected by the preparation pipeline), when known.</summary>
    public int? SourceCompanies { get; init; }

    /// <summary>The table plan by copy method and status.</summary>
    public required IReadOnlyList<TableCount> TableCounts { get; init; }

    public int Tables => TableCounts.Sum(c => c.Tables);

    public int DeltaTables => Count(CopyMethod.Delta);

    public int FullTables => Count(CopyMethod.Full);

    public int SkippedTables => Count(CopyMethod.Skip);

    public long EstimatedRows => TableCounts.Sum(c => c.EstimatedRows);

    public double EstimatedSizeMB => TableCounts.Sum(c => c.EstimatedSizeMB);

    /// <summary>Tables by copy method, e.g. "Delta 0, Full 60, Skip 0".</summary>
    public string TablesByCopyMethod => string.Join(", ", Enum.GetValues<CopyMethod>().Select(m => $"{m} {Count(m)}"));

    /// <summary>The setup's pipelines in the factory: the replication pipeline once made (the preparation pipeline while setup runs).</summary>
    public required IReadOnlyList<string> Pipelines { get; init; }

    /// <summary>Every factory resource of the setup: linked services, datasets and pipelines.</summary>
    public required IReadOnlyList<string> FactoryResources { get; init; }

    /// <summary>Tables the replication pipeline copies at the same time (ForEach batchCount), from the IR's capacity.</summary>
    public int? BatchCount { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The time spent in the steps (over every run that worked on this setup).</summary>
    public TimeSpan? Duration { get; init; }

    public required IReadOnlyList<SetupStepInfo> Steps { get; init; }

    /// <summary>The compatibility results of the preparation (Failed ones stop the setup).</summary>
    public required IReadOnlyList<CompatibilityResult> Compatibility { get; init; }

    /// <summary>Whether this run changed anything (false when the setup was already complete).</summary>
    public bool Changed { get; init; }

    /// <summary>What happened, and what to do next when the setup waits or failed.</summary>
    public string Message { get; init; } = string.Empty;

    public override string ToString() => $"{SetupId} {Status}";

    private int Count(CopyMethod method) => TableCounts.Where(c => c.CopyMethod == method).Sum(c => c.Tables);
}
