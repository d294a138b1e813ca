using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Facts;

/// <summary>
/// What the server says about itself and the login. Facts a provider cannot know (SQLite has no edition,
/// no logins) are null, and rules that need them report NotApplicable.
/// </summary>
public sealed class ServerFacts
{
    public required EndpointKind Kind { get; init; }

    /// <summary>The product version, for example 13.0.4001.0 (SQL Server 2016 SP1) or 3.46.1 (SQLite).</summary>
    public Version? ProductVersion { get; init; }

    /// <summary>RTM, SP1, ... (SQL Server).</summary>
    public string? ProductLevel { get; init; }

    /// <summary>"Developer Edition (64-bit)", "Standard Edition (64-bit)", "SQL Azure", ...</summary>
    public string? Edition { get; init; }

    /// <summary>SERVERPROPERTY('EngineEdition'): 2 Standard, 3 Enterprise/Developer, 4 Express, 5 Azure SQL Database, 8 Managed Instance.</summary>
    public int? EngineEdition { get; init; }

    public bool? IsSysadmin { get; init; }

    public string? LoginName { get; init; }

    /// <summary>How this connection came in: TCP, Shared memory, Named pipe.</summary>
    public string? NetTransport { get; init; }

    /// <summary>How the login was authenticated: SQL, NTLM, KERBEROS.</summary>
    public string? AuthScheme { get; init; }

    /// <summary>Whether the server is a SQL Server engine (on-premises, Azure SQL or Managed Instance).</summary>
    public bool IsSqlServer => Kind is EndpointKind.SqlServer or EndpointKind.AzureSql;

    /// <summary>Azure SQL Database: no server roles, always the current engine version.</summary>
    public bool IsAzureSqlDatabase => Kind == EndpointKind.AzureSql || EngineEdition == 5;

    public bool IsDeveloperEdition => Edition?.StartsWith("Developer", StringComparison.OrdinalIgnoreCase) == true;
}
