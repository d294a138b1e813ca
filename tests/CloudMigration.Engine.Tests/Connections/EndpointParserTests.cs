using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using static CloudMigration.Engine.Tests.Connections.ConnectionTestSupport;

namespace CloudMigration.Engine.Tests.Connections;

public sealed class EndpointParserTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CmEndpoint Parse(string text, EndpointParseOptions? options = null) =>
        EndpointParser.Parse(text, options ?? new EndpointParseOptions());

    // ---- SQL Server -------------------------------------------------------------------------

    [Fact]
    public void Sql_server_string_with_user_and_password()
    {
        var password = Sentinel("good-sql");
        var endpoint = Parse($"Server=db01,1433;Database=SLSystem;User ID=sa;Password={password};Encrypt=false");

        Assert.Equal(EndpointKind.SqlServer, endpoint.Kind);
        Assert.Equal("db01,1433", endpoint.Server);
        Assert.Equal("SLSystem", endpoint.Database);
        Assert.Equal("sa", endpoint.UserName);
        Assert.Equal(EndpointAuthentication.SqlPassword, endpoint.Authentication);
        Assert.True(endpoint.IsSqlServerFamily);
        Assert.True(endpoint.RequiresIntegrationRuntime);
        Assert.Null(endpoint.FilePath);

        Assert.StartsWith("sqlserver:", endpoint.DisplayString, StringComparison.Ordinal);
        Assert.Contains("Password=" + SecretRedactor.Mask, endpoint.DisplayString, StringComparison.Ordinal);
        Assert.DoesNotContain(password, endpoint.DisplayString, StringComparison.Ordinal);
        Assert.Contains("db01,1433", endpoint.DisplayString, StringComparison.Ordinal);

        // The provider string keeps the real password; it is internal.
        Assert.Equal(password, new SqlConnectionStringBuilder(endpoint.ConnectionString).Password);
    }

    [Fact]
    public void Sql_server_prefix_is_accepted_and_allows_a_file_like_server_name()
    {
        var endpoint = Parse("sqlserver:Server=db01;Database=SLSystem;Integrated Security=true");
        Assert.Equal(EndpointKind.SqlServer, endpoint.Kind);
        Assert.Equal("db01", endpoint.Server);
        Assert.Equal(EndpointAuthentication.Integrated, endpoint.Authentication);
        Assert.Null(endpoint.UserName);

        // With the explicit prefix a server whose name looks like a file is still SQL Server.
        var fileLike = Parse("SQLSERVER:  Data Source=backup.db;Initial Catalog=SLSystem;Integrated Security=true");
        Assert.Equal(EndpointKind.SqlServer, fileLike.Kind);
        Assert.Equal("backup.db", fileLike.Server);
    }

    [Theory]
    [InlineData("sl.database.windows.net")]
    [InlineData("tcp:sl.database.windows.net,1433")]
    [InlineData("SL.Database.Windows.Net")]
    [InlineData("sl.database.usgovcloudapi.net")]
    [InlineData("sl.database.chinacloudapi.cn")]
    public void Azure_sql_host_is_azure_sql_without_integration_runtime(string server)
    {
        var endpoint = Parse($"Server={server};Database=bc;User ID=admin;Password={Sentinel("azure")}");
        Assert.Equal(EndpointKind.AzureSql, endpoint.Kind);
        Assert.True(endpoint.IsSqlServerFamily);
        Assert.False(endpoint.RequiresIntegrationRuntime);
        Assert.Equal(server, endpoint.Server);
    }

    [Theory]
    [InlineData("sl.database.windows.net.example.com")]
    [InlineData("database.windows.net-proxy")]
    [InlineData("db01")]
    public void Other_hosts_are_sql_server(string server)
    {
        var endpoint = Parse($"Server={server};Database=bc;Integrated Security=true");
        Assert.Equal(EndpointKind.SqlServer, endpoint.Kind);
        Assert.True(endpoint.RequiresIntegrationRuntime);
    }

    [Fact]
    public void Managed_identity_authentication()
    {
        var endpoint = Parse("Server=sl.database.windows.net;Database=bc;Authentication=Active Directory Managed Identity");
        Assert.Equal(EndpointKind.AzureSql, endpoint.Kind);
        Assert.Equal(EndpointAuthentication.ManagedIdentity, endpoint.Authentication);
        Assert.NotNull(endpoint.TokenCredential);
        Assert.Null(endpoint.UserName);

        // The token comes from the callback, so the provider string must not ask SqlClient to sign in itself.
        Assert.Equal(SqlAuthenticationMethod.NotSpecified, new SqlConnectionStringBuilder(endpoint.ConnectionString).Authentication);
    }

    [Fact]
    public void Default_azure_credential_authentication()
    {
        var endpoint = Parse("Server=sl.database.windows.net;Database=bc;Authentication=Active Directory Default");
        Assert.Equal(EndpointAuthentication.EntraDefault, endpoint.Authentication);
        Assert.NotNull(endpoint.TokenCredential);
        Assert.Equal(SqlAuthenticationMethod.NotSpecified, new SqlConnectionStringBuilder(endpoint.ConnectionString).Authentication);
    }

    [Fact]
    public void Access_token_authentication()
    {
        var token = Sentinel("token-good");
        var endpoint = Parse("Server=sl.database.windows.net;Database=bc", new EndpointParseOptions { AccessToken = Secure(token) });

        Assert.Equal(EndpointKind.AzureSql, endpoint.Kind);
        Assert.Equal(EndpointAuthentication.AccessToken, endpoint.Authentication);
        Assert.NotNull(endpoint.TokenCredential);
        var issued = endpoint.TokenCredential!.GetToken(new TokenRequestContext(["https://database.windows.net/.default"]), CancellationToken.None);
        Assert.Equal(token, issued.Token);
        Assert.True(issued.ExpiresOn > DateTimeOffset.UtcNow);

        Assert.DoesNotContain(token, endpoint.DisplayString, StringComparison.Ordinal);
        Assert.DoesNotContain(token, endpoint.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain(token, JsonSerializer.Serialize(endpoint), StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_supplies_user_name_and_password()
    {
        var password = Sentinel("cred-good");
        var endpoint = Parse("Server=db01;Database=SLSystem", new EndpointParseOptions { Credential = Credential("migrator", password) });

        Assert.Equal("migrator", endpoint.UserName);
        Assert.Equal(EndpointAuthentication.SqlPassword, endpoint.Authentication);
        Assert.NotNull(endpoint.Password);
        Assert.True(endpoint.Password!.IsReadOnly());
        Assert.Equal(password, EndpointParser.ToPlain(endpoint.Password));

        Assert.DoesNotContain(password, endpoint.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain(password, endpoint.DisplayString, StringComparison.Ordinal);
        Assert.DoesNotContain(password, JsonSerializer.Serialize(endpoint), StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_overrides_a_user_id_in_the_string_and_the_endpoint_stays_usable()
    {
        var password = Sentinel("cred-userid");
        var endpoint = Parse("Server=db01;Database=SLSystem;User ID=sa", new EndpointParseOptions { Credential = Credential("migrator", password) });
        Assert.Equal("migrator", endpoint.UserName);

        // What SqlServerProvider does before opening: SqlClient refuses a SqlCredential next to
        // 'User ID' in the connection string, so the endpoint must not keep both.
        using var connection = new SqlConnection(endpoint.ConnectionString);
        connection.Credential = new SqlCredential(endpoint.UserName!, endpoint.Password!);
        Assert.Equal("migrator", connection.Credential.UserId);
    }

    [Theory]
    [InlineData("Server=sl.database.windows.net;Database=bc")]
    [InlineData("Server=sl.database.windows.net;Database=bc;User ID=admin@contoso.com")]
    [InlineData("Server=sl.database.windows.net;Database=bc;Authentication=Active Directory Default")]
    public void Access_token_endpoint_is_usable_by_sql_client(string text)
    {
        var endpoint = Parse(text, new EndpointParseOptions { AccessToken = Secure(Sentinel("token-usable")) });
        Assert.Equal(EndpointAuthentication.AccessToken, endpoint.Authentication);

        // What SqlServerProvider does before opening: SqlClient refuses a token callback next to
        // 'User ID' or 'Authentication' in the connection string.
        using var connection = new SqlConnection(endpoint.ConnectionString);
        connection.AccessTokenCallback = (_, _) => Task.FromResult(new SqlAuthenticationToken("t", DateTimeOffset.UtcNow.AddHours(1)));
        Assert.NotNull(connection.AccessTokenCallback);
    }

    [Theory]
    [InlineData("Server=sl.database.windows.net;Database=bc;Authentication=Active Directory Managed Identity")]
    [InlineData("Server=sl.database.windows.net;Database=bc;Authentication=Active Directory Managed Identity;User ID=0b1c2d3e-0000-0000-0000-000000000001")]
    [InlineData("Server=sl.database.windows.net;Database=bc;Authentication=Active Directory Default")]
    public void Entra_endpoint_is_usable_by_sql_client(string text)
    {
        var endpoint = Parse(text);
        Assert.NotNull(endpoint.TokenCredential);
        using var connection = new SqlConnection(endpoint.ConnectionString);
        connection.AccessTokenCallback = (_, _) => Task.FromResult(new SqlAuthenticationToken("t", DateTimeOffset.UtcNow.AddHours(1)));
        Assert.NotNull(connection.AccessTokenCallback);
    }

    // ---- SQLite ---------------------------------------------------------------------------------

    [Fact]
    public void Sqlite_relative_path_is_resolved_against_the_base_directory()
    {
        var data = _temp.Sub("data");
        var endpoint = Parse("sqlite:data/SLSystem.db", new EndpointParseOptions { BaseDirectory = _temp.Path });

        Assert.Equal(EndpointKind.Sqlite, endpoint.Kind);
        Assert.Equal(data, endpoint.Server);
        Assert.Equal("SLSystem", endpoint.Database);
        Assert.Equal(Path.Combine(data, "SLSystem.db"), endpoint.FilePath);
        Assert.Equal(EndpointAuthentication.None, endpoint.Authentication);
        Assert.Null(endpoint.UserName);
        Assert.False(endpoint.IsSqlServerFamily);
        Assert.False(endpoint.RequiresIntegrationRuntime);
        Assert.Equal("sqlite:" + Path.Combine(data, "SLSystem.db"), endpoint.DisplayString);
        Assert.Equal(Path.Combine(data, "SLSystem.db"), new SqliteConnectionStringBuilder(endpoint.ConnectionString).DataSource);
    }

    [Fact]
    public void Sqlite_prefix_is_case_insensitive_and_trimmed()
    {
        var endpoint = Parse("  SQLite:  SLSystem.sqlite3  ", new EndpointParseOptions { BaseDirectory = _temp.Path });
        Assert.Equal(EndpointKind.Sqlite, endpoint.Kind);
        Assert.Equal(_temp.Path, endpoint.Server);
        Assert.Equal("SLSystem", endpoint.Database);
        Assert.Equal(Path.Combine(_temp.Path, "SLSystem.sqlite3"), endpoint.FilePath);
    }

    [Fact]
    public void Sqlite_connection_string_with_read_only_mode()
    {
        var path = Path.Combine(_temp.Path, "SLSystem.db");
        var endpoint = Parse($"sqlite:Data Source={path};Mode=ReadOnly");

        Assert.Equal(EndpointKind.Sqlite, endpoint.Kind);
        Assert.Equal(_temp.Path, endpoint.Server);
        Assert.Equal("SLSystem", endpoint.Database);
        Assert.Equal(path, endpoint.FilePath);
        var builder = new SqliteConnectionStringBuilder(endpoint.ConnectionString);
        Assert.Equal(SqliteOpenMode.ReadOnly, builder.Mode);
        Assert.Equal(path, builder.DataSource);
    }

    [SkippableFact]
    public void Sqlite_home_path_is_expanded()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Skip.If(string.IsNullOrEmpty(home) || !Directory.Exists(home), "no home folder");

        var name = "cm-test-" + Guid.NewGuid().ToString("N");
        var endpoint = Parse($"sqlite:~/{name}.db", new EndpointParseOptions { BaseDirectory = _temp.Path });

        Assert.Equal(Path.GetFullPath(home), endpoint.Server);
        Assert.Equal(name, endpoint.Database);
        Assert.Equal(Path.Combine(Path.GetFullPath(home), name + ".db"), endpoint.FilePath);
        Assert.DoesNotContain("~", endpoint.DisplayString, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_drive_letter_path_is_not_an_unknown_kind()
    {
        try
        {
            var endpoint = Parse(@"sqlite:C:\x\y.db", new EndpointParseOptions { BaseDirectory = _temp.Path });
            Assert.Equal(EndpointKind.Sqlite, endpoint.Kind);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Assert.Equal(@"C:\x", endpoint.Server);
                Assert.Equal("y", endpoint.Database);
            }
        }
        catch (CmException ex)
        {
            Assert.NotEqual(ErrorIds.EndpointUnknownKind, ex.ErrorId);
            Assert.Equal(ErrorIds.SqliteFolderNotFound, ex.ErrorId);
        }
    }

    [Theory]
    [InlineData(@"C:\x\y.db")]
    [InlineData("c:/x/y.db")]
    [InlineData(@"Data Source=C:\x\y.db")]
    public void Unprefixed_drive_letter_path_is_ambiguous_not_an_unknown_kind(string text)
    {
        var ex = Assert.Throws<CmException>(() => Parse(text));
        Assert.Equal(ErrorIds.EndpointAmbiguous, ex.ErrorId);
    }

    // ---- WithDatabase ---------------------------------------------------------------------------

    [Fact]
    public void With_database_for_sqlite_keeps_folder_extension_and_options()
    {
        var path = Path.Combine(_temp.Path, "SLSystem.sqlite3");
        var system = Parse($"sqlite:Data Source={path};Mode=ReadOnly");

        var app = system.WithDatabase("SLApp");

        Assert.Equal(EndpointKind.Sqlite, app.Kind);
        Assert.Equal(system.Server, app.Server);
        Assert.Equal("SLApp", app.Database);
        Assert.Equal(Path.Combine(_temp.Path, "SLApp.sqlite3"), app.FilePath);
        Assert.Equal("sqlite:" + Path.Combine(_temp.Path, "SLApp.sqlite3"), app.DisplayString);
        var builder = new SqliteConnectionStringBuilder(app.ConnectionString);
        Assert.Equal(Path.Combine(_temp.Path, "SLApp.sqlite3"), builder.DataSource);
        Assert.Equal(SqliteOpenMode.ReadOnly, builder.Mode);

        // The original is unchanged.
        Assert.Equal("SLSystem", system.Database);
        Assert.Equal(path, system.FilePath);
    }

    [Fact]
    public void With_database_for_sql_server_keeps_server_and_credentials()
    {
        var password = Sentinel("withdb-sql");
        var system = Parse($"Server=db01;Database=SLSystem;User ID=sa;Password={password};Encrypt=false");

        var app = system.WithDatabase("SLApp");

        Assert.Equal(EndpointKind.SqlServer, app.Kind);
        Assert.Equal("db01", app.Server);
        Assert.Equal("SLApp", app.Database);
        Assert.Equal("sa", app.UserName);
        Assert.Equal(EndpointAuthentication.SqlPassword, app.Authentication);
        var builder = new SqlConnectionStringBuilder(app.ConnectionString);
        Assert.Equal("SLApp", builder.InitialCatalog);
        Assert.Equal("sa", builder.UserID);
        Assert.Equal(password, builder.Password);
        Assert.False(builder.Encrypt == SqlConnectionEncryptOption.Mandatory);
        Assert.Contains("SLApp", app.DisplayString, StringComparison.Ordinal);
        Assert.DoesNotContain(password, app.DisplayString, StringComparison.Ordinal);
        Assert.Equal("SLSystem", system.Database);
    }

    [Fact]
    public void With_database_keeps_a_credential_and_a_token()
    {
        var password = Sentinel("withdb-cred");
        var withCredential = Parse("Server=sl.database.windows.net;Database=SLSystem",
            new EndpointParseOptions { Credential = Credential("migrator", password) }).WithDatabase("SLApp");
        Assert.Equal(EndpointKind.AzureSql, withCredential.Kind);
        Assert.Equal("migrator", withCredential.UserName);
        Assert.Equal(password, EndpointParser.ToPlain(withCredential.Password!));
        Assert.Equal("SLApp", new SqlConnectionStringBuilder(withCredential.ConnectionString).InitialCatalog);

        var managed = Parse("Server=sl.database.windows.net;Database=SLSystem;Authentication=Active Directory Managed Identity");
        var managedApp = managed.WithDatabase("SLApp");
        Assert.Equal(EndpointAuthentication.ManagedIdentity, managedApp.Authentication);
        Assert.Same(managed.TokenCredential, managedApp.TokenCredential);
    }

    // ---- Display, ToString, JSON ----------------------------------------------------------------

    [Fact]
    public void To_string_is_the_display_string()
    {
        var sql = Parse($"Server=db01;Database=SLSystem;User ID=sa;Password={Sentinel("tostring")}");
        Assert.Equal(sql.DisplayString, sql.ToString());
        Assert.DoesNotContain(Sentinel("tostring"), sql.ToString(), StringComparison.Ordinal);

        var lite = Parse("sqlite:SLSystem.db", new EndpointParseOptions { BaseDirectory = _temp.Path });
        Assert.Equal(lite.DisplayString, lite.ToString());
        Assert.Equal($"{lite}", lite.DisplayString);
    }

    [Theory]
    [InlineData("Password")]
    [InlineData("PWD")]
    [InlineData("pwd")]
    public void Json_of_an_endpoint_holds_no_password(string keyword)
    {
        var password = Sentinel("json-" + keyword);
        var endpoint = Parse($"Server=db01;Database=SLSystem;User ID=sa;{keyword}={password}");

        var json = JsonSerializer.Serialize(endpoint);

        Assert.DoesNotContain(password, json, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionString", json, StringComparison.Ordinal);
        var values = Regex.Matches(json, @"(?:Password|PWD)\s*=\s*([^;""\\]*)", RegexOptions.IgnoreCase)
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(values); // the display string shows that there is a password...
        Assert.All(values, v => Assert.Equal(SecretRedactor.Mask, v)); // ...but only masked

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("db01", doc.RootElement.GetProperty("Server").GetString());
        Assert.Equal("SLSystem", doc.RootElement.GetProperty("Database").GetString());
    }

    [Fact]
    public void Json_of_a_sqlite_endpoint_with_a_password_holds_no_password()
    {
        var password = Sentinel("json-lite");
        var endpoint = Parse($"sqlite:Data Source={Path.Combine(_temp.Path, "x.db")};Password={password}");
        var json = JsonSerializer.Serialize(endpoint);
        Assert.DoesNotContain(password, json, StringComparison.Ordinal);
        Assert.DoesNotContain(password, endpoint.DisplayString, StringComparison.Ordinal);
        Assert.Contains("x.db", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Cm_endpoint_parse_uses_default_options()
    {
        var endpoint = CmEndpoint.Parse("Server=db01;Database=SLSystem;Integrated Security=true");
        Assert.Equal(EndpointKind.SqlServer, endpoint.Kind);
        Assert.Equal(EndpointAuthentication.Integrated, endpoint.Authentication);
    }
}
