using System.Data.Common;
using System.Runtime.InteropServices;
using System.Security;
using Azure.Core;
using Azure.Identity;
using CloudMigration.Engine.Errors;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Connections;

/// <summary>
/// Turns endpoint text into a <see cref="CmEndpoint"/>, validating everything that can be checked
/// without connecting. The rule for telling the kinds apart:
/// <list type="bullet">
/// <item><c>sqlite:</c> followed by a file path or a Microsoft.Data.Sqlite connection string is SQLite;</item>
/// <item><c>sqlserver:</c> followed by a connection string, or a connection string with no prefix,
///   is SQL Server (Azure SQL when the server is a <c>*.database.windows.net</c> host);</item>
/// <item>anything else (a bare path, another prefix, a Data Source that looks like a file) is
///   refused as ambiguous, with the two ways to say it.</item>
/// </list>
/// </summary>
public static partial class EndpointParser
{
    public const string SqlitePrefix = "sqlite:";
    public const string SqlServerPrefix = "sqlserver:";

    private static readonly string[] SqliteFileExtensions = [".db", ".sqlite", ".sqlite3", ".db3"];
    private static readonly string[] AzureSqlHostSuffixes =
        [".database.windows.net", ".database.usgovcloudapi.net", ".database.chinacloudapi.cn", ".database.cloudapi.de"];

    // Canonical SqlClient keywords and their synonyms, used only to suggest what the user meant.
    private static readonly string[] SqlServerKeywordNames =
    [
        "Server", "Data Source", "Address", "Initial Catalog", "Database", "User ID", "UID", "Password", "PWD",
        "Integrated Security", "Trusted_Connection", "Encrypt", "Trust Server Certificate", "TrustServerCertificate",
        "Connect Timeout", "Connection Timeout", "Command Timeout", "Application Name", "Authentication",
        "Multiple Active Result Sets", "MultipleActiveResultSets", "Multi Subnet Failover", "Application Intent",
        "Pooling", "Max Pool Size", "Min Pool Size", "Packet Size", "Workstation ID", "Persist Security Info",
        "Host Name In Certificate", "Connect Retry Count", "Connect Retry Interval", "Failover Partner",
        "Current Language", "Column Encryption Setting", "Server SPN", "Load Balance Timeout", "Enlist",
    ];

    private static readonly string[] SqliteKeywordNames =
        ["Data Source", "DataSource", "Filename", "Mode", "Cache", "Password", "Foreign Keys", "Recursive Triggers", "Default Timeout", "Command Timeout", "Pooling", "Vfs"];

    public static CmEndpoint Parse(string text, EndpointParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CmException(ErrorIds.EndpointEmpty, CmErrorCategory.InvalidArgument,
                "The endpoint is empty.",
                "Give a SQL Server connection string ('Server=host;Database=db') or a SQLite file ('sqlite:/path/file.db').");
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ParseSqlite(trimmed[SqlitePrefix.Length..].Trim(), options);
        }

        if (trimmed.StartsWith(SqlServerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ParseSqlServer(trimmed[SqlServerPrefix.Length..].Trim(), options, explicitKind: true);
        }

        var firstEquals = trimmed.IndexOf('=');
        var firstColon = trimmed.IndexOf(':');
        if (firstColon > 0 && (firstEquals < 0 || firstColon < firstEquals) && IsSchemeLike(trimmed[..firstColon]) && !IsDriveLetter(trimmed, firstColon))
        {
            throw new CmException(ErrorIds.EndpointUnknownKind, CmErrorCategory.InvalidArgument,
                $"The endpoint kind '{trimmed[..firstColon]}:' is not known. Known kinds are 'sqlserver:' and 'sqlite:'.",
                "Write 'sqlite:<path>' for a SQLite file, or a SQL Server connection string (optionally prefixed 'sqlserver:').",
                trimmed[..firstColon]);
        }

        if (firstEquals < 0)
        {
            throw new CmException(ErrorIds.EndpointAmbiguous, CmErrorCategory.InvalidArgument,
                $"'{SecretRedactor.Redact(trimmed)}' is neither a connection string nor marked as a SQLite file.",
                $"For a SQLite file write 'sqlite:{SecretRedactor.Redact(trimmed)}'; for SQL Server give a connection string such as 'Server=host;Database=db'.",
                SecretRedactor.Redact(trimmed));
        }

        return ParseSqlServer(trimmed, options, explicitKind: false);
    }

    internal static CmEndpoint WithDatabase(CmEndpoint endpoint, string database)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            throw new CmException(ErrorIds.ConnectionStringMissingDatabase, CmErrorCategory.InvalidArgument,
                "The database name is empty.", "Give the name of a database.", endpoint.DisplayString);
        }

        if (endpoint.Kind == EndpointKind.Sqlite)
        {
            // A database is a file in the endpoint's folder; a name must not lead out of it.
            if (database.Trim() is "." or ".." || database.IndexOfAny(['/', '\\', ':']) >= 0 || database.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                throw new CmException(ErrorIds.SqliteDatabaseNameInvalid, CmErrorCategory.InvalidArgument,
                    $"The database name '{database}' is not a file name in '{endpoint.Server}'.",
                    "Give a plain database name (a file next to the endpoint's database, without folders).", database);
            }

            var path = Path.Combine(endpoint.Server, database.Trim() + endpoint.FileExtension);
            var builder = new SqliteConnectionStringBuilder(endpoint.ConnectionString) { DataSource = path };
            return new CmEndpoint(EndpointKind.Sqlite, endpoint.Server, database.Trim(), null, EndpointAuthentication.None,
                builder.ConnectionString, SqliteDisplay(path), fileExtension: endpoint.FileExtension);
        }

        var sql = new SqlConnectionStringBuilder(endpoint.ConnectionString) { InitialCatalog = database.Trim() };
        return new CmEndpoint(endpoint.Kind, endpoint.Server, database.Trim(), endpoint.UserName, endpoint.Authentication,
            sql.ConnectionString, SqlServerDisplay(sql), endpoint.Password, endpoint.TokenCredential);
    }

    private static CmEndpoint ParseSqlServer(string text, EndpointParseOptions options, bool explicitKind)
    {
        var pairs = ReadPairs(text, "SQL Server");
        var builder = new SqlConnectionStringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (!builder.ContainsKey(key))
            {
                throw UnknownKeyword(key, SqlServerKeywordNames, "SQL Server");
            }

            try
            {
                builder[key] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                var shown = IsSecretKeyword(key) ? SecretRedactor.Mask : value;
                throw new CmException(ErrorIds.ConnectionStringInvalidValue, CmErrorCategory.InvalidArgument,
                    $"The value '{shown}' is not valid for the connection string keyword '{key}': {ex.Message}",
                    $"Correct the value of '{key}' in the connection string.", key);
            }
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            SecretRedactor.Register(builder.Password);
        }

        var server = builder.DataSource?.Trim() ?? string.Empty;
        if (server.Length == 0)
        {
            throw new CmException(ErrorIds.ConnectionStringMissingServer, CmErrorCategory.InvalidArgument,
                "The connection string names no server.",
                "Add 'Server=<host>[,port]' (or 'Data Source=...') to the connection string.", SecretRedactor.Redact(text));
        }

        if (!explicitKind && LooksLikeFile(server))
        {
            throw new CmException(ErrorIds.EndpointAmbiguous, CmErrorCategory.InvalidArgument,
                $"The server '{server}' looks like a file, so it is not clear whether this is SQL Server or SQLite.",
                $"For a SQLite file write 'sqlite:{server}'; for a SQL Server whose name looks like this write 'sqlserver:' before the connection string.",
                server);
        }

        var database = builder.InitialCatalog?.Trim() ?? string.Empty;
        if (database.Length == 0)
        {
            throw new CmException(ErrorIds.ConnectionStringMissingDatabase, CmErrorCategory.InvalidArgument,
                $"The connection string for server '{server}' names no database.",
                "Add 'Database=<name>' (or 'Initial Catalog=<name>') to the connection string: the Dynamics SL system database for a source, the Business Central database for a destination.",
                server);
        }

        var kind = IsAzureSqlHost(server) ? EndpointKind.AzureSql : EndpointKind.SqlServer;
        var authentication = ResolveAuthentication(builder, options, server, out var tokenCredential);
        SecureString? password = null;
        string? userName = string.IsNullOrEmpty(builder.UserID) ? null : builder.UserID;
        if (options.Credential is not null)
        {
            userName = options.Credential.UserName;
            password = options.Credential.SecurePassword.Copy();
            password.MakeReadOnly();
            authentication = EndpointAuthentication.SqlPassword;

            // The credential's user wins; SqlClient refuses a SqlCredential next to 'User ID' in the string.
            builder.Remove("User ID");
        }

        return new CmEndpoint(kind, server, database, userName, authentication, builder.ConnectionString,
            SqlServerDisplay(builder), password, tokenCredential);
    }

    private static EndpointAuthentication ResolveAuthentication(SqlConnectionStringBuilder builder, EndpointParseOptions options, string server, out TokenCredential? tokenCredential)
    {
        tokenCredential = null;
        var hasPassword = !string.IsNullOrEmpty(builder.Password);
        if (options.Credential is not null && hasPassword)
        {
            throw new CmException(ErrorIds.PasswordInConnectionStringAndCredential, CmErrorCategory.InvalidArgument,
                $"The connection string for '{server}' holds a password and a credential was given as well.",
                "Remove the password ('Password' / 'PWD') from the connection string and pass it only through -Credential (a PSCredential).",
                server);
        }

        if (options.Credential is not null && builder.IntegratedSecurity)
        {
            throw new CmException(ErrorIds.CredentialWithIntegratedSecurity, CmErrorCategory.InvalidArgument,
                $"The connection string for '{server}' uses integrated security and a credential was given as well.",
                "Use either 'Integrated Security=true' or a SQL login through -Credential, not both.", server);
        }

        if (options.Credential is not null && builder.Authentication is not (SqlAuthenticationMethod.NotSpecified or SqlAuthenticationMethod.SqlPassword))
        {
            throw new CmException(ErrorIds.CredentialWithIntegratedSecurity, CmErrorCategory.InvalidArgument,
                $"The connection string for '{server}' signs in with 'Authentication={builder.Authentication}' and a credential was given as well.",
                "Sign in one way: remove 'Authentication=' from the connection string to use the SQL login of -Credential, or drop -Credential.", server);
        }

        if (options.AccessToken is not null)
        {
            if (hasPassword || options.Credential is not null || builder.IntegratedSecurity)
            {
                throw new CmException(ErrorIds.AccessTokenWithPassword, CmErrorCategory.InvalidArgument,
                    $"An access token was given for '{server}' together with a password or integrated security.",
                    "Sign in one way: remove the password / integrated security, or do not pass -AccessToken.", server);
            }

            tokenCredential = new StaticTokenCredential(new AccessToken(ToPlain(options.AccessToken), DateTimeOffset.UtcNow.AddHours(1)));
            builder.Remove("Authentication");
            return EndpointAuthentication.AccessToken;
        }

        switch (builder.Authentication)
        {
            case SqlAuthenticationMethod.ActiveDirectoryManagedIdentity:
            case SqlAuthenticationMethod.ActiveDirectoryMSI:
                tokenCredential = string.IsNullOrEmpty(builder.UserID)
                    ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(builder.UserID));
                builder.Remove("Authentication");
                builder.Remove("User ID");
                return EndpointAuthentication.ManagedIdentity;
            case SqlAuthenticationMethod.ActiveDirectoryDefault:
                tokenCredential = new DefaultAzureCredential();
                builder.Remove("Authentication");
                return EndpointAuthentication.EntraDefault;
        }

        if (builder.Authentication is not (SqlAuthenticationMethod.NotSpecified or SqlAuthenticationMethod.SqlPassword))
        {
            throw new CmException(ErrorIds.AuthenticationMethodNotSupported, CmErrorCategory.InvalidArgument,
                $"'Authentication={builder.Authentication}' is not supported for '{server}': interactive and device-code sign-in would block runbooks, and the other Entra methods need SqlClient's Azure extension.",
                "Use a SQL login (-Credential), 'Authentication=Active Directory Managed Identity', 'Authentication=Active Directory Default', or New-CmEndpoint -AccessToken.",
                builder.Authentication.ToString());
        }

        if (builder.IntegratedSecurity)
        {
            return EndpointAuthentication.Integrated;
        }

        return EndpointAuthentication.SqlPassword;
    }

    private static CmEndpoint ParseSqlite(string text, EndpointParseOptions options)
    {
        if (options.Credential is not null || options.AccessToken is not null)
        {
            throw new CmException(ErrorIds.CredentialNotSupported, CmErrorCategory.InvalidArgument,
                "A credential or access token was given for a SQLite endpoint; SQLite databases have no logins.",
                "Remove -Credential / -AccessToken for SQLite endpoints.", SecretRedactor.Redact(SqlitePrefix + text));
        }

        if (text.Length == 0)
        {
            throw new CmException(ErrorIds.EndpointEmpty, CmErrorCategory.InvalidArgument,
                "The SQLite endpoint names no file.", "Write 'sqlite:<path to the .db file>'.");
        }

        var builder = new SqliteConnectionStringBuilder();
        if (text.Contains('='))
        {
            foreach (var (key, value) in ReadPairs(text, "SQLite"))
            {
                if (!builder.ContainsKey(key))
                {
                    throw UnknownKeyword(key, SqliteKeywordNames, "SQLite");
                }

                try
                {
                    builder[key] = value;
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
                {
                    throw new CmException(ErrorIds.ConnectionStringInvalidValue, CmErrorCategory.InvalidArgument,
                        $"The value '{(IsSecretKeyword(key) ? SecretRedactor.Mask : value)}' is not valid for the SQLite keyword '{key}': {ex.Message}",
                        $"Correct the value of '{key}'.", key);
                }
            }

            SecretRedactor.Register(builder.Password);
        }
        else
        {
            builder.DataSource = text;
        }

        var dataSource = builder.DataSource?.Trim() ?? string.Empty;
        if (dataSource.Length == 0 || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new CmException(dataSource.Length == 0 ? ErrorIds.EndpointEmpty : ErrorIds.SqliteInMemoryNotSupported, CmErrorCategory.InvalidArgument,
                dataSource.Length == 0 ? "The SQLite connection string names no file." : "In-memory SQLite databases cannot be an endpoint: other databases and processes could not see them.",
                "Give the path of a SQLite database file: 'sqlite:/path/file.db'.", dataSource);
        }

        var fullPath = Path.GetFullPath(ExpandHome(dataSource), options.BaseDirectory ?? Environment.CurrentDirectory);
        var folder = Path.GetDirectoryName(fullPath) ?? fullPath;
        if (!Directory.Exists(folder))
        {
            throw new CmException(ErrorIds.SqliteFolderNotFound, CmErrorCategory.ObjectNotFound,
                $"The folder '{folder}' of the SQLite database does not exist.",
                "Check the path, or create the sample first with New-CmSampleEnvironment -Path <folder>.", folder);
        }

        builder.DataSource = fullPath;
        var extension = Path.GetExtension(fullPath);
        return new CmEndpoint(EndpointKind.Sqlite, folder, Path.GetFileNameWithoutExtension(fullPath), null, EndpointAuthentication.None,
            builder.ConnectionString, SqliteDisplay(fullPath), fileExtension: extension);
    }

    private static List<(string Key, string Value)> ReadPairs(string text, string kind)
    {
        var generic = new DbConnectionStringBuilder();
        try
        {
            generic.ConnectionString = text;
        }
        catch (ArgumentException ex)
        {
            throw new CmException(ErrorIds.ConnectionStringMalformed, CmErrorCategory.InvalidArgument,
                $"The {kind} connection string cannot be read: {SecretRedactor.Redact(ex.Message)}",
                "Write it as 'Keyword=value;Keyword=value'; put a value that contains ';' or '=' in double quotes.",
                SecretRedactor.Redact(text));
        }

        // DbConnectionStringBuilder lower-cases keywords; show users the spelling they typed.
        var typed = TypedKeywordPattern().Matches(text)
            .Select(m => m.Groups[1].Value.Trim())
            .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var pairs = new List<(string, string)>();
        foreach (string key in generic.Keys)
        {
            var value = generic[key]?.ToString() ?? string.Empty;
            if (IsSecretKeyword(key))
            {
                SecretRedactor.Register(value);
            }

            pairs.Add((typed.GetValueOrDefault(key, key), value));
        }

        return pairs;
    }

    private static CmException UnknownKeyword(string key, IEnumerable<string> known, string kind)
    {
        var suggestion = KeywordSuggester.Suggest(key, known);
        var message = suggestion is null
            ? $"The {kind} connection string keyword '{key}' is not known."
            : $"The {kind} connection string keyword '{key}' is not known. Did you mean '{suggestion}'?";
        var action = suggestion is null
            ? $"Remove or correct '{key}'. Known keywords include: {string.Join(", ", known.Take(8))}."
            : $"Write '{suggestion}' instead of '{key}'.";
        return new CmException(ErrorIds.ConnectionStringUnknownKeyword, CmErrorCategory.InvalidArgument, message, action, key);
    }

    private static bool IsSecretKeyword(string key)
    {
        var k = key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return k is "password" or "pwd" or "accesstoken";
    }

    private static bool IsSchemeLike(string prefix) =>
        prefix.Length > 1 && char.IsLetter(prefix[0]) && prefix.All(c => char.IsLetterOrDigit(c) || c is '+' or '.' or '-');

    private static bool IsDriveLetter(string text, int colon) => colon == 1 && char.IsLetter(text[0]);

    private static bool LooksLikeFile(string server) =>
        server.Contains('/') || SqliteFileExtensions.Any(e => server.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static bool IsAzureSqlHost(string server)
    {
        var host = server;
        if (host.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        var comma = host.IndexOf(',');
        if (comma >= 0)
        {
            host = host[..comma];
        }

        return AzureSqlHostSuffixes.Any(s => host.Trim().EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) || path == "~"
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/'))
            : path;

    private static string SqliteDisplay(string path) => SqlitePrefix + path;

    private static string SqlServerDisplay(SqlConnectionStringBuilder builder)
    {
        var copy = new SqlConnectionStringBuilder(builder.ConnectionString);
        if (!string.IsNullOrEmpty(copy.Password))
        {
            copy.Password = SecretRedactor.Mask;
        }

        return SqlServerPrefix + copy.ConnectionString;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|;)\s*([^=;""']+?)\s*=")]
    private static partial System.Text.RegularExpressions.Regex TypedKeywordPattern();

    internal static string ToPlain(SecureString secure)
    {
        var ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(ptr) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(ptr);
        }
    }
}
