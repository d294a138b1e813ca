using SecureText = CloudMigration.Engine.Tests.Factories.Secure;
using Azure.Identity;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories.Azure;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>Each way of signing in becomes the Azure.Identity credential it names; missing pieces are clear errors.</summary>
public sealed class AzureCredentialsTests
{
    [Fact]
    public void Each_sign_in_method_gives_its_credential()
    {
        using var secret = SecureText.Of("client-secret-sentinel");
        Assert.IsType<DefaultAzureCredential>(AzureCredentials.For("f", new AzureSignIn { Method = AzureSignInMethod.Default }));
        Assert.IsType<ManagedIdentityCredential>(AzureCredentials.For("f", new AzureSignIn { Method = AzureSignInMethod.ManagedIdentity }));
        Assert.IsType<ManagedIdentityCredential>(AzureCredentials.For("f", new AzureSignIn { Method = AzureSignInMethod.ManagedIdentity, ClientId = Guid.NewGuid().ToString() }));
        Assert.IsType<ClientSecretCredential>(AzureCredentials.For("f", new AzureSignIn { Method = AzureSignInMethod.ServicePrincipal, TenantId = "contoso.onmicrosoft.com", ClientId = Guid.NewGuid().ToString(), Secret = secret }));
        Assert.IsType<DeviceCodeCredential>(AzureCredentials.For("f", new AzureSignIn { Method = AzureSignInMethod.DeviceCode }));
    }

    [Fact]
    public async Task An_access_token_is_used_as_given_and_kept_in_this_process_only()
    {
        using var token = SecureText.Of("token-sentinel-7c1");
        var given = AzureCredentials.For("f", new AzureSignIn { Method = AzureSignInMethod.AccessToken, Secret = token });
        Assert.Equal("token-sentinel-7c1", (await given.GetTokenAsync(new global::Azure.Core.TokenRequestContext([AzureDataFactoryOptions.Scope]), CancellationToken.None)).Token);

        AzureAccessTokens.Set("cm-token-only", token);
        var fromSession = AzureCredentials.For("cm-token-only", new AzureSignIn { Method = AzureSignInMethod.AccessToken });
        Assert.Equal("token-sentinel-7c1", (await fromSession.GetTokenAsync(new global::Azure.Core.TokenRequestContext([AzureDataFactoryOptions.Scope]), CancellationToken.None)).Token);
        AzureAccessTokens.Remove("cm-token-only");

        var ex = Assert.Throws<CmException>(() => AzureCredentials.For("cm-token-only", new AzureSignIn { Method = AzureSignInMethod.AccessToken }));
        Assert.Equal(ErrorIds.AzureSignInRequired, ex.ErrorId);
        Assert.Contains("-AccessToken", ex.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_principal_without_its_tenant_is_a_clear_error_without_the_secret()
    {
        using var secret = SecureText.Of("client-secret-sentinel");
        var ex = Assert.Throws<CmException>(() => AzureCredentials.For("f", new AzureSignIn { Method = AzureSignInMethod.ServicePrincipal, ClientId = "app", Secret = secret }));
        Assert.Equal(ErrorIds.AzureSignInRequired, ex.ErrorId);
        Assert.Contains("tenant", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-sentinel", ex.Message + ex.RecommendedAction, StringComparison.Ordinal);
    }
}
