namespace CloudMigration.Engine.Factories.Azure;

/// <summary>How the module signs in to Azure Resource Manager for a registered Azure data factory.</summary>
public enum AzureSignInMethod
{
    /// <summary>Azure.Identity's default chain: environment, workload identity, managed identity, Azure CLI, Azure PowerShell, ...</summary>
    Default,

    /// <summary>The managed identity of the Azure Automation account, VM or app (system-assigned, or user-assigned by client id).</summary>
    ManagedIdentity,

    /// <summary>A service principal: client id and secret (a PSCredential) in a tenant.</summary>
    ServicePrincipal,

    /// <summary>An access token the caller got elsewhere (Get-AzAccessToken); kept in this process only, never in the store.</summary>
    AccessToken,

    /// <summary>Device code sign-in, for a terminal without a browser.</summary>
    DeviceCode,
}
