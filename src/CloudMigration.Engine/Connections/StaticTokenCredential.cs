using Azure.Core;

namespace CloudMigration.Engine.Connections;

/// <summary>A token credential over one access token that the caller already holds.</summary>
internal sealed class StaticTokenCredential(AccessToken token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token);
}
