using System.Net;
using System.Security;

namespace CloudMigration.Engine.Connections;

/// <summary>What besides the connection text describes an endpoint.</summary>
public sealed class EndpointParseOptions
{
    /// <summary>SQL authentication user and password (from a PSCredential). The password stays a SecureString.</summary>
    public NetworkCredential? Credential { get; init; }

    /// <summary>A Microsoft Entra access token for Azure SQL (what Get-AzAccessToken returns).</summary>
    public SecureString? AccessToken { get; init; }

    /// <summary>The folder relative SQLite paths are resolved against (PowerShell's current location).</summary>
    public string? BaseDirectory { get; init; }
}
