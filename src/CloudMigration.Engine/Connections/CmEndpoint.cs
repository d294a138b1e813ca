using System.Security;
using Azure.Core;

namespace CloudMigration.Engine.Connections;

/// <summary>
/// A source or destination database. Its public surface holds no secret: the password, the access
/// token and the full connection string are internal, and <see cref="ToString"/> is redacted, so the
/// object can go to Export-Csv, ConvertTo-Json or a log as it is.
/// </summary>
public sealed class CmEndpoint
{
    internal CmEndpoint(EndpointKind kind, string server, string database, string? userName,
        EndpointAuthentication authentication, string connectionString, string displayString,
        SecureString? password = null, TokenCredential? tokenCredential = null, string? fileExtension = null)
    {
        Kind = kind;
        Server = server;
        Database = database;
        UserName = userName;
        Authentication = authentication;
        ConnectionString = connectionString;
        DisplayString = displayString;
        Password = password;
        TokenCredential = tokenCredential;
        FileExtension = fileExtension;
    }

    public EndpointKind Kind { get; }

    /// <summary>The SQL Server instance, or for SQLite the folder that holds the database files.</summary>
    public string Server { get; }

    /// <summary>The database name, or for SQLite the file name without its extension.</summary>
    public string Database { get; }

    public string? UserName { get; }

    public EndpointAuthentication Authentication { get; }

    /// <summary>True for SQL Server and Azure SQL; false for SQLite.</summary>
    public bool IsSqlServerFamily => Kind is EndpointKind.SqlServer or EndpointKind.AzureSql;

    /// <summary>A self-hosted integration runtime is needed for an on-premises SQL Server only.</summary>
    public bool RequiresIntegrationRuntime => Kind == EndpointKind.SqlServer;

    /// <summary>The endpoint as text with every secret masked.</summary>
    public string DisplayString { get; }

    /// <summary>The provider connection string, which may hold a password. Never shown, logged or returned.</summary>
    internal string ConnectionString { get; }

    internal SecureString? Password { get; }

    internal TokenCredential? TokenCredential { get; }

    /// <summary>SQLite only: the extension the database files use (".db").</summary>
    internal string? FileExtension { get; }

    /// <summary>For SQLite, the full path of the database file.</summary>
    public string? FilePath => Kind == EndpointKind.Sqlite ? Path.Combine(Server, Database + FileExtension) : null;

    /// <summary>The same server and credentials, another database (an SL application database, for example).</summary>
    public CmEndpoint WithDatabase(string database) => EndpointParser.WithDatabase(this, database);

    public override string ToString() => DisplayString;

    /// <summary>Reads an endpoint from text; see <see cref="EndpointParser"/> for the rules.</summary>
    public static CmEndpoint Parse(string text, EndpointParseOptions? options = null) => EndpointParser.Parse(text, options ?? new EndpointParseOptions());
}

/// <summary>How an endpoint signs in.</summary>
public enum EndpointAuthentication
{
    /// <summary>No sign-in (SQLite).</summary>
    None,

    /// <summary>SQL Server authentication: user and password.</summary>
    SqlPassword,

    /// <summary>Windows / integrated authentication.</summary>
    Integrated,

    /// <summary>A Microsoft Entra access token given by the caller.</summary>
    AccessToken,

    /// <summary>Microsoft Entra through the managed identity of the machine (Azure Automation runbooks).</summary>
    ManagedIdentity,

    /// <summary>Microsoft Entra through the default Azure credential chain.</summary>
    EntraDefault,
}
