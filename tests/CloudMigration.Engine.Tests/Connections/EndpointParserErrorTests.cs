using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using static CloudMigration.Engine.Tests.Connections.ConnectionTestSupport;

namespace CloudMigration.Engine.Tests.Connections;

public sealed class EndpointParserErrorTests
{
    /// <summary>One bad input and everything the error for it must say.</summary>
    /// <param name="Text">The endpoint text.</param>
    /// <param name="ErrorId">The exact ErrorIds constant.</param>
    /// <param name="Category">The error category.</param>
    /// <param name="Options">The parse options (credential, access token), if any.</param>
    /// <param name="Suggestion">The keyword the error must suggest ("Did you mean ...").</param>
    /// <param name="NoSuggestion">True when the error must not suggest any keyword.</param>
    /// <param name="ActionContains">Text the recommended action must contain.</param>
    /// <param name="Target">The exact TargetObject (as text).</param>
    /// <param name="Secrets">Secrets in the input that must appear nowhere in the error.</param>
    private sealed record ErrorCase(
        string Text,
        string ErrorId,
        CmErrorCategory Category = CmErrorCategory.InvalidArgument,
        Func<EndpointParseOptions>? Options = null,
        string? Suggestion = null,
        bool NoSuggestion = false,
        string? ActionContains = null,
        string? Target = null,
        string[]? Secrets = null);

    private static readonly string MissingFolder =
        Path.Combine(Path.GetTempPath(), "cm-missing-" + Guid.NewGuid().ToString("N"), "nested");

    private static readonly Dictionary<string, ErrorCase> Cases = new(StringComparer.Ordinal)
    {
        ["empty"] = new("", ErrorIds.EndpointEmpty),
        ["whitespace"] = new("  \t \r\n ", ErrorIds.EndpointEmpty),
        ["sqlite prefix without a file"] = new("sqlite:   ", ErrorIds.EndpointEmpty),

        // Misspelt keywords: a suggestion when one is close, none when nothing is.
        ["UserID -> User ID"] = new($"Server=db01;Database=SLSystem;UserID=sa;Password={Sentinel("userid")}",
            ErrorIds.ConnectionStringUnknownKeyword, Suggestion: "User ID", Target: "UserID", Secrets: [Sentinel("userid")]),
        ["Initial Catolog -> Initial Catalog"] = new($"Server=db01;Initial Catolog=SLSystem;User ID=sa;Password={Sentinel("catolog")}",
            ErrorIds.ConnectionStringUnknownKeyword, Suggestion: "Initial Catalog", Target: "Initial Catolog", Secrets: [Sentinel("catolog")]),
        ["Pasword -> Password"] = new($"Server=db01;Database=SLSystem;User ID=sa;Pasword={Sentinel("pasword")}",
            ErrorIds.ConnectionStringUnknownKeyword, Suggestion: "Password", Target: "Pasword", Secrets: [Sentinel("pasword")]),
        ["Sever -> Server"] = new("Sever=db01;Database=SLSystem;Integrated Security=true",
            ErrorIds.ConnectionStringUnknownKeyword, Suggestion: "Server", Target: "Sever"),
        ["sqlite Data Sourse -> Data Source"] = new("sqlite:Data Sourse=/tmp/x.db",
            ErrorIds.ConnectionStringUnknownKeyword, Suggestion: "Data Source", Target: "Data Sourse"),
        ["unknown keyword, no suggestion"] = new($"Server=db01;Database=SLSystem;Flibbertigibbet=42;Password={Sentinel("flib")}",
            ErrorIds.ConnectionStringUnknownKeyword, NoSuggestion: true, ActionContains: "Known keywords include", Target: "Flibbertigibbet",
            Secrets: [Sentinel("flib")]),

        // Credentials that contradict each other.
        ["password in string and credential"] = new($"Server=db01;Database=SLSystem;User ID=sa;Password={Sentinel("both-str")}",
            ErrorIds.PasswordInConnectionStringAndCredential,
            Options: () => new() { Credential = Credential("migrator", Sentinel("both-cred")) },
            ActionContains: "-Credential", Target: "db01", Secrets: [Sentinel("both-str"), Sentinel("both-cred")]),
        ["PWD in string and credential"] = new($"Server=db01;Database=SLSystem;UID=sa;PWD={Sentinel("pwd-str")}",
            ErrorIds.PasswordInConnectionStringAndCredential,
            Options: () => new() { Credential = Credential("migrator", Sentinel("pwd-cred")) },
            Target: "db01", Secrets: [Sentinel("pwd-str"), Sentinel("pwd-cred")]),
        ["integrated security and credential"] = new("Server=db01;Database=SLSystem;Integrated Security=true",
            ErrorIds.CredentialWithIntegratedSecurity,
            Options: () => new() { Credential = Credential("migrator", Sentinel("integrated-cred")) },
            Target: "db01", Secrets: [Sentinel("integrated-cred")]),

        // Missing parts.
        ["missing server"] = new($"Database=SLSystem;User ID=sa;Password={Sentinel("noserver")}",
            ErrorIds.ConnectionStringMissingServer, ActionContains: "Server=", Secrets: [Sentinel("noserver")]),
        ["missing database"] = new($"Server=db01;User ID=sa;Password={Sentinel("nodb")}",
            ErrorIds.ConnectionStringMissingDatabase, ActionContains: "Database=", Target: "db01", Secrets: [Sentinel("nodb")]),

        // Ambiguous: a file without the sqlite: prefix.
        ["bare relative path"] = new("./x.db", ErrorIds.EndpointAmbiguous, ActionContains: "sqlite:./x.db"),
        ["bare absolute path"] = new("/tmp/x.db", ErrorIds.EndpointAmbiguous, ActionContains: "sqlite:/tmp/x.db"),
        ["bare drive-letter path"] = new(@"C:\data\x.db", ErrorIds.EndpointAmbiguous, ActionContains: @"sqlite:C:\data\x.db"),
        ["Data Source file without prefix"] = new($"Data Source=/tmp/x.db;Password={Sentinel("ds-file")}",
            ErrorIds.EndpointAmbiguous, ActionContains: "sqlite:/tmp/x.db", Target: "/tmp/x.db", Secrets: [Sentinel("ds-file")]),
        ["Data Source .sqlite without prefix"] = new("Data Source=SLSystem.sqlite;Database=SLSystem",
            ErrorIds.EndpointAmbiguous, ActionContains: "sqlite:SLSystem.sqlite", Target: "SLSystem.sqlite"),

        // Unknown kinds.
        ["postgres:// prefix"] = new($"postgres://migrator:{Sentinel("pg")}@db01:5432/slsystem",
            ErrorIds.EndpointUnknownKind, ActionContains: "sqlite:", Target: "postgres", Secrets: [Sentinel("pg")]),
        ["mysql: prefix"] = new("mysql:Server=db01;Database=SLSystem", ErrorIds.EndpointUnknownKind, Target: "mysql"),

        // SQLite.
        ["sqlite folder does not exist"] = new("sqlite:" + Path.Combine(MissingFolder, "x.db"),
            ErrorIds.SqliteFolderNotFound, CmErrorCategory.ObjectNotFound, Target: MissingFolder),
        ["sqlite connection string, folder does not exist"] = new(
            $"sqlite:Data Source={Path.Combine(MissingFolder, "x.db")};Password={Sentinel("lite-missing")}",
            ErrorIds.SqliteFolderNotFound, CmErrorCategory.ObjectNotFound, Target: MissingFolder, Secrets: [Sentinel("lite-missing")]),
        ["sqlite::memory:"] = new("sqlite::memory:", ErrorIds.SqliteInMemoryNotSupported, ActionContains: "sqlite:/"),
        ["sqlite Data Source=:memory: with password"] = new($"sqlite:Data Source=:memory:;Password={Sentinel("lite-mem")}",
            ErrorIds.SqliteInMemoryNotSupported, Secrets: [Sentinel("lite-mem")]),
        ["sqlite Mode=Memory"] = new("sqlite:Data Source=shared.db;Mode=Memory", ErrorIds.SqliteInMemoryNotSupported),
        ["sqlite with credential"] = new("sqlite:/tmp/x.db", ErrorIds.CredentialNotSupported,
            Options: () => new() { Credential = Credential("migrator", Sentinel("lite-cred")) },
            ActionContains: "-Credential", Secrets: [Sentinel("lite-cred")]),
        ["sqlite with password in string and credential"] = new($"sqlite:Data Source=/tmp/x.db;Password={Sentinel("lite-both")}",
            ErrorIds.CredentialNotSupported,
            Options: () => new() { Credential = Credential("migrator", Sentinel("lite-both-cred")) },
            Secrets: [Sentinel("lite-both"), Sentinel("lite-both-cred")]),
        ["sqlite with access token"] = new("sqlite:/tmp/x.db", ErrorIds.CredentialNotSupported,
            Options: () => new() { AccessToken = Secure(Sentinel("lite-token")) }, Secrets: [Sentinel("lite-token")]),

        // Invalid values.
        ["Encrypt=maybe"] = new($"Server=db01;Database=SLSystem;Encrypt=maybe;User ID=sa;Password={Sentinel("encrypt")}",
            ErrorIds.ConnectionStringInvalidValue, ActionContains: "Encrypt", Target: "Encrypt", Secrets: [Sentinel("encrypt")]),
        ["Connect Timeout=abc"] = new("Server=db01;Database=SLSystem;Connect Timeout=abc",
            ErrorIds.ConnectionStringInvalidValue, ActionContains: "Connect Timeout", Target: "Connect Timeout"),
        ["sqlite Mode=sideways"] = new("sqlite:Data Source=/tmp/x.db;Mode=sideways",
            ErrorIds.ConnectionStringInvalidValue, ActionContains: "Mode", Target: "Mode"),

        // Malformed: the password's closing quote is missing, and the password itself holds a ';'.
        ["unbalanced double quote around a password"] = new(
            $"Server=db01;Database=SLSystem;User ID=sa;Password=\"{Sentinel("quote")};Qu0teTail-7f3a",
            ErrorIds.ConnectionStringMalformed, ActionContains: "double quotes", Secrets: [Sentinel("quote"), "Qu0teTail-7f3a"]),
        ["unbalanced single quote"] = new("Server='db01;Database=SLSystem", ErrorIds.ConnectionStringMalformed),

        // Access token together with another way to sign in.
        ["access token and password"] = new($"Server=sl.database.windows.net;Database=bc;User ID=sa;Password={Sentinel("tok-pwd")}",
            ErrorIds.AccessTokenWithPassword,
            Options: () => new() { AccessToken = Secure(Sentinel("tok-pwd-token")) },
            Target: "sl.database.windows.net", Secrets: [Sentinel("tok-pwd"), Sentinel("tok-pwd-token")]),
        ["access token and credential"] = new("Server=sl.database.windows.net;Database=bc",
            ErrorIds.AccessTokenWithPassword,
            Options: () => new() { AccessToken = Secure(Sentinel("tok-cred-token")), Credential = Credential("migrator", Sentinel("tok-cred")) },
            Secrets: [Sentinel("tok-cred"), Sentinel("tok-cred-token")]),
        ["access token and integrated security"] = new("Server=db01;Database=bc;Integrated Security=SSPI",
            ErrorIds.AccessTokenWithPassword,
            Options: () => new() { AccessToken = Secure(Sentinel("tok-int-token")) }, Secrets: [Sentinel("tok-int-token")]),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void There_are_enough_cases()
    {
        Assert.True(Cases.Count >= 16, $"only {Cases.Count} cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Bad_input_is_refused_with_a_stable_error(string name)
    {
        var c = Cases[name];
        var options = c.Options?.Invoke() ?? new EndpointParseOptions();

        var ex = Assert.Throws<CmException>(() => EndpointParser.Parse(c.Text, options));

        Assert.Equal(c.ErrorId, ex.ErrorId);
        Assert.Equal(c.Category, ex.Category);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), "the message is empty");
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction), "the recommended action is empty");

        if (c.Suggestion is not null)
        {
            Assert.Contains($"Did you mean '{c.Suggestion}'?", ex.Message, StringComparison.Ordinal);
            Assert.Contains($"Write '{c.Suggestion}' instead of", ex.RecommendedAction, StringComparison.Ordinal);
        }

        if (c.NoSuggestion)
        {
            Assert.DoesNotContain("Did you mean", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("instead of", ex.RecommendedAction, StringComparison.Ordinal);
        }

        if (c.ActionContains is not null)
        {
            Assert.Contains(c.ActionContains, ex.RecommendedAction, StringComparison.Ordinal);
        }

        if (c.Target is not null)
        {
            Assert.Equal(c.Target, ex.TargetObject?.ToString());
        }

        if (c.Secrets is { Length: > 0 } secrets)
        {
            AssertNoSecret(ex, secrets);
        }
    }

    [Fact]
    public void Unknown_prefix_names_the_prefix_and_the_known_kinds()
    {
        var ex = Assert.Throws<CmException>(() => EndpointParser.Parse("postgres://db01/sl", new EndpointParseOptions()));
        Assert.Equal(ErrorIds.EndpointUnknownKind, ex.ErrorId);
        Assert.Contains("'postgres:'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sqlserver:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_value_of_a_non_secret_keyword_is_shown()
    {
        var ex = Assert.Throws<CmException>(() => EndpointParser.Parse("Server=db01;Database=SLSystem;Connect Timeout=abc", new EndpointParseOptions()));
        Assert.Equal(ErrorIds.ConnectionStringInvalidValue, ex.ErrorId);
        Assert.Contains("'abc'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_database_refuses_an_empty_name()
    {
        var endpoint = EndpointParser.Parse($"Server=db01;Database=SLSystem;User ID=sa;Password={Sentinel("withdb-empty")}", new EndpointParseOptions());
        var ex = Assert.Throws<CmException>(() => endpoint.WithDatabase("  "));
        Assert.Equal(ErrorIds.ConnectionStringMissingDatabase, ex.ErrorId);
        Assert.Equal(CmErrorCategory.InvalidArgument, ex.Category);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        AssertNoSecret(ex, Sentinel("withdb-empty"));
    }

    [Fact]
    public void Null_options_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => EndpointParser.Parse("Server=db01;Database=SLSystem", null!));
    }
}

public sealed class AuthenticationMethodTests
{
    [Theory]
    [InlineData("Active Directory Interactive")]
    [InlineData("Active Directory Device Code Flow")]
    [InlineData("Active Directory Service Principal")]
    public void Entra_methods_that_would_block_or_need_the_azure_extension_are_refused(string method)
    {
        var ex = Assert.Throws<CloudMigration.Engine.Errors.CmException>(() =>
            CloudMigration.Engine.Connections.CmEndpoint.Parse($"Server=tcp:x.database.windows.net;Database=d;Authentication={method}"));
        Assert.Equal(CloudMigration.Engine.Errors.ErrorIds.AuthenticationMethodNotSupported, ex.ErrorId);
        Assert.Contains("Managed Identity", ex.RecommendedAction, StringComparison.Ordinal);
    }
}

public sealed class CredentialWithEntraMethodTests
{
    [Fact]
    public void A_credential_together_with_managed_identity_is_refused()
    {
        using var password = new System.Security.SecureString();
        foreach (var c in "S3ntinel-Pa55!entra")
        {
            password.AppendChar(c);
        }

        var ex = Assert.Throws<CloudMigration.Engine.Errors.CmException>(() => CloudMigration.Engine.Connections.CmEndpoint.Parse(
            "Server=tcp:x.database.windows.net;Database=d;Authentication=Active Directory Managed Identity",
            new CloudMigration.Engine.Connections.EndpointParseOptions { Credential = new System.Net.NetworkCredential("u", password) }));
        Assert.Equal(CloudMigration.Engine.Errors.ErrorIds.CredentialWithIntegratedSecurity, ex.ErrorId);
        Assert.DoesNotContain("S3ntinel", ex.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteDatabaseNameTests
{
    [Theory]
    [InlineData("../outside")]
    [InlineData("sub/inner")]
    [InlineData("..")]
    public void A_database_name_that_leaves_the_folder_is_refused(string name)
    {
        var folder = Path.GetTempPath();
        var endpoint = CloudMigration.Engine.Connections.CmEndpoint.Parse("sqlite:" + Path.Combine(folder, "SLSystem.db"));
        var ex = Assert.Throws<CloudMigration.Engine.Errors.CmException>(() => endpoint.WithDatabase(name));
        Assert.Equal(CloudMigration.Engine.Errors.ErrorIds.SqliteDatabaseNameInvalid, ex.ErrorId);
    }

    [Fact]
    public async Task Such_a_name_is_simply_not_an_existing_database()
    {
        var endpoint = CloudMigration.Engine.Connections.CmEndpoint.Parse("sqlite:" + Path.Combine(Path.GetTempPath(), "SLSystem.db"));
        Assert.False(await CloudMigration.Engine.Connections.SqliteProvider.Instance.DatabaseExistsAsync(endpoint, "../etc/passwd", CancellationToken.None));
    }
}
