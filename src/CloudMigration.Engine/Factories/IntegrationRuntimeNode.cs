namespace CloudMigration.Engine.Factories;

/// <summary>A machine registered with a self-hosted integration runtime (at most 4 per IR).</summary>
public sealed class IntegrationRuntimeNode
{
    public required string NodeName { get; init; }

    public required string MachineName { get; init; }

    /// <summary>Online, or Offline when not heard from within the liveness interval.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset RegisterTime { get; init; }

    public required DateTimeOffset LastConnectTime { get; init; }

    public required int MaxConcurrentJobs { get; init; }

    public override string ToString() => NodeName;
}
