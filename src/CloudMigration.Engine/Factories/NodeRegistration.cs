namespace CloudMigration.Engine.Factories;

/// <summary>A node registered with a local self-hosted integration runtime: what its <see cref="LocalRunHost"/> runs as.</summary>
public sealed class NodeRegistration
{
    public required string Factory { get; init; }

    public required string IntegrationRuntime { get; init; }

    public required string NodeName { get; init; }

    public required string MachineName { get; init; }

    public required int MaxConcurrentJobs { get; init; }

    public required DateTimeOffset RegisterTime { get; init; }

    public override string ToString() => $"{Factory}/{IntegrationRuntime}/{NodeName}";
}
