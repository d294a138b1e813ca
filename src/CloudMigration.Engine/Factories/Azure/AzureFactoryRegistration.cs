namespace CloudMigration.Engine.Factories.Azure;

/// <summary>An Azure data factory as the store records it: where it is, and how to sign in (no secret in clear).</summary>
public sealed class AzureFactoryRegistration
{
    public required string Name { get; init; }

    public required string ResourceId { get; init; }

    /// <summary>The Resource Manager endpoint (https://management.azure.com, a sovereign cloud's, or a test emulator's).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The SHA-256 thumbprint of the only server certificate accepted (an emulator's); null: normal TLS validation.</summary>
    public string? PinnedCertificateSha256 { get; init; }

    public required AzureSignIn SignIn { get; init; }

    public DateTimeOffset Registered { get; init; }

    public override string ToString() => Name;
}
