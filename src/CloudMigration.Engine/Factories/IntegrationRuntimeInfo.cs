namespace CloudMigration.Engine.Factories;

/// <summary>A self-hosted integration runtime and its status (ADF getStatus).</summary>
public sealed class IntegrationRuntimeInfo
{
    public required string Name { get; init; }

    public required string Factory { get; init; }

    public string Type => "SelfHosted";

    public string Description { get; init; } = string.Empty;

    public required IntegrationRuntimeState State { get; init; }

    public required IReadOnlyList<IntegrationRuntimeNode> Nodes { get; init; }

    public DateTimeOffset CreateTime { get; init; }

    public override string ToString() => Name;
}
