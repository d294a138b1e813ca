using System.Security;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>How to sign in for one registered Azure factory. The secret (a service principal's) is stored encrypted; an access token is not stored at all.</summary>
public sealed class AzureSignIn
{
    public required AzureSignInMethod Method { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The service principal's client id, or the user-assigned managed identity's.</summary>
    public string? ClientId { get; init; }

    /// <summary>The service principal's secret, or the access token; never returned by Get-CmDataFactory.</summary>
    public SecureString? Secret { get; init; }

    public override string ToString() => Method + (ClientId is null ? string.Empty : $" ({ClientId})");
}
