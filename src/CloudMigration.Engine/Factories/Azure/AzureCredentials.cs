using Azure.Core;
using Azure.Identity;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>The Azure.Identity credential for a registered factory's way of signing in.</summary>
public static class AzureCredentials
{
    /// <param name="name">The factory's registered name (the key of an in-process access token).</param>
    /// <param name="signIn">How to sign in.</param>
    /// <param name="deviceCodePrompt">Where device code sign-in tells the user what to open and type.</param>
    /// <param name="tokenKey">Where this process keeps the factory's access token (default: the name).</param>
    public static TokenCredential For(string name, AzureSignIn signIn, Action<string>? deviceCodePrompt = null, string? tokenKey = null)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        return signIn.Method switch
        {
            AzureSignInMethod.Default => new DefaultAzureCredential(new DefaultAzureCredentialOptions { TenantId = signIn.TenantId, ManagedIdentityClientId = signIn.ClientId }),
            AzureSignInMethod.ManagedIdentity => signIn.ClientId is { } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
            AzureSignInMethod.ServicePrincipal => new ClientSecretCredential(
                signIn.TenantId ?? throw Missing(name, "a tenant id (-TenantId)"), signIn.ClientId ?? throw Missing(name, "a client id (the credential's user name)"),
                EndpointParser.ToPlain(signIn.Secret ?? throw Missing(name, "the client secret (the credential's password)"))),
            AzureSignInMethod.AccessToken => new StaticTokenCredential(new AccessToken(
                EndpointParser.ToPlain(signIn.Secret ?? AzureAccessTokens.Get(tokenKey ?? name) ?? throw new CmException(ErrorIds.AzureSignInRequired, CmErrorCategory.AuthenticationError,
                    $"The data factory '{name}' signs in with an access token, and this PowerShell session has none (tokens are kept in the session that gave them, never in the store).",
                    $"Give a token again: Register-CmDataFactory -Name {name} -ResourceId <id> -AccessToken (Get-AzAccessToken -AsSecureString).Token -Force.", name)),
                DateTimeOffset.UtcNow.AddMinutes(55))),
            AzureSignInMethod.DeviceCode => new DeviceCodeCredential(new DeviceCodeCredentialOptions
            {
                TenantId = signIn.TenantId,
                DeviceCodeCallback = (code, _) =>
                {
                    deviceCodePrompt?.Invoke(code.Message);
                    return Task.CompletedTask;
                },
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(signIn), signIn.Method, "Unknown sign-in method."),
        };
    }

    private static CmException Missing(string name, string what) => new(ErrorIds.AzureSignInRequired, CmErrorCategory.InvalidArgument,
        $"The data factory '{name}' signs in as a service principal, and {what} is missing.", "Register it again with -ServicePrincipal -Credential <client id and secret> -TenantId <tenant>.", name);
}
