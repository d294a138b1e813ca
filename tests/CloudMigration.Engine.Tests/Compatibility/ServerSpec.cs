using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>
/// <see cref="ServerFacts"/> as a record, so a test changes one fact with <c>with</c> (ServerFacts is a class).
/// </summary>
internal sealed record ServerSpec(
    EndpointKind Kind,
    Version? ProductVersion,
    string? ProductLevel,
    string? Edition,
    int? EngineEdition,
    bool? IsSysadmin,
    string? LoginName,
    string? NetTransport,
    string? AuthScheme)
{
    /// <summary>SQL Server 2019 RTM, Standard Edition, reached over TCP with a SQL login that is sysadmin.</summary>
    public static ServerSpec SqlServer2019(string login) =>
        new(EndpointKind.SqlServer, new Version(15, 0, 2000, 5), "RTM", "Standard Edition (64-bit)", 2, true, login, "TCP", "SQL");

    /// <summary>Azure SQL Database: engine edition 5, no server roles.</summary>
    public static ServerSpec AzureSql(string login) =>
        new(EndpointKind.AzureSql, new Version(12, 0, 2000, 8), "RTM", "SQL Azure", 5, null, login, "TCP", "SQL");

    /// <summary>SQLite knows its version and nothing else a SQL Server rule asks.</summary>
    public static ServerSpec Sqlite() => new(EndpointKind.Sqlite, new Version(3, 46, 1), null, null, null, null, null, null, null);

    public ServerFacts ToFacts() => new()
    {
        Kind = Kind,
        ProductVersion = ProductVersion,
        ProductLevel = ProductLevel,
        Edition = Edition,
        EngineEdition = EngineEdition,
        IsSysadmin = IsSysadmin,
        LoginName = LoginName,
        NetTransport = NetTransport,
        AuthScheme = AuthScheme,
    };
}
