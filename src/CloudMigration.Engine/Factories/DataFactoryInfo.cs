namespace CloudMigration.Engine.Factories;

/// <summary>A registered data factory and its load, as Get-CmDataFactory shows it and the load balancer judges it.</summary>
public sealed class DataFactoryInfo
{
    public required string Name { get; init; }

    public required DataFactoryKind Kind { get; init; }

    /// <summary>"local" for the embedded engine; the Azure region for Azure.</summary>
    public required string Location { get; init; }

    /// <summary>The ARM resource id for Azure; the store path for a local factory.</summary>
    public required string ResourceId { get; init; }

    public int IntegrationRuntimes { get; init; }

    /// <summary>Registered self-hosted IR nodes, over all IRs of the factory.</summary>
    public int Nodes { get; init; }

    /// <summary>Nodes heard from within the liveness interval.</summary>
    public int OnlineNodes { get; init; }

    /// <summary>Pipeline runs Queued, InProgress or Canceling.</summary>
    public int ActiveRuns { get; init; }

    public required FactoryHealth Health { get; init; }

    public string HealthReason { get; init; } = string.Empty;

    public DateTimeOffset Registered { get; init; }

    public override string ToString() => Name;
}
