using System.Security;

namespace CloudMigration.Engine.Factories;

/// <summary>A new (or existing) self-hosted IR, its keys as SecureString, and why its factory was picked.</summary>
public sealed class CreatedIntegrationRuntime
{
    public required IntegrationRuntimeInfo IntegrationRuntime { get; init; }

    public string Name => IntegrationRuntime.Name;

    public string Factory => IntegrationRuntime.Factory;

    public IntegrationRuntimeState State => IntegrationRuntime.State;

    /// <summary>The key a node registers with (dmgcmd -RegisterNewNode, or Register-CmIntegrationRuntimeNode).</summary>
    public required SecureString AuthKey1 { get; init; }

    public required SecureString AuthKey2 { get; init; }

    /// <summary>Why this factory: given by name, or the load balancer's reason.</summary>
    public required string FactoryChoice { get; init; }

    public override string ToString() => Name;
}
