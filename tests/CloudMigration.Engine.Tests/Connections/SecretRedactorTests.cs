using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Tests.Connections;

public sealed class SecretRedactorTests
{
    private const string M = SecretRedactor.Mask;

    [Theory]
    [InlineData("Server=db01;Password=Hunter2-xyz;Database=sl", "Server=db01;Password=" + M + ";Database=sl")]
    [InlineData("Server=db01;Password=Hunter2-xyz", "Server=db01;Password=" + M)]
    [InlineData("Server=db01;PWD=Hunter2-xyz;Database=sl", "Server=db01;PWD=" + M + ";Database=sl")]
    [InlineData("server=db01;pwd = Hunter2-xyz ;database=sl", "server=db01;pwd = " + M + ";database=sl")]
    [InlineData("Server=db01;PASSWORD=Hunter2-xyz", "Server=db01;PASSWORD=" + M)]
    [InlineData("AccessToken=eyJabc.def;x=1", "AccessToken=" + M + ";x=1")]
    [InlineData("Client Secret=abc~def;Tenant=t", "Client Secret=" + M + ";Tenant=t")]
    [InlineData("AccountName=a;AccountKey=Zm9vYmFy==;x=1", "AccountName=a;AccountKey=" + M + ";x=1")]
    [InlineData("https://a.blob.core.windows.net/c?sv=2020&sig=abcDEF%2B123", "https://a.blob.core.windows.net/c?sv=2020&sig=" + M)]
    public void Secret_keyword_values_are_masked(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Redact(text));
    }

    [Theory]
    [InlineData("Server=db01;Password=\"a;b;c\";Database=sl", "Server=db01;Password=" + M + ";Database=sl")]
    [InlineData("Server=db01;Password='a;b;c';Database=sl", "Server=db01;Password=" + M + ";Database=sl")]
    [InlineData("Password=\"x;Database=y\"", "Password=" + M)]
    public void Quoted_passwords_containing_semicolons_are_masked_whole(string text, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Redact(text));
    }

    [Fact]
    public void Quoted_password_with_an_escaped_quote_is_masked_whole()
    {
        // In a connection string a quote inside a quoted value is written twice: the value is a"b;Qx9-tail.
        var redacted = SecretRedactor.Redact("Server=db01;Password=\"a\"\"b;Qx9-tail\";Database=sl");
        Assert.Equal("Server=db01;Password=" + M + ";Database=sl", redacted);
        Assert.DoesNotContain("Qx9-tail", redacted, StringComparison.Ordinal);

        var single = SecretRedactor.Redact("Password='a''b;Qx9-tail2';Database=sl");
        Assert.Equal("Password=" + M + ";Database=sl", single);
    }

    [Fact]
    public void Unterminated_quoted_password_is_masked_to_the_end()
    {
        // A malformed string: the closing quote is missing, so where the password ends is unknown.
        var redacted = SecretRedactor.Redact("Server=db01;Password=\"abc;Qx9-unterminated;Database=sl");
        Assert.DoesNotContain("Qx9-unterminated", redacted, StringComparison.Ordinal);
        Assert.StartsWith("Server=db01;Password=" + M, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("x")]
    [InlineData("pw1")]
    public void Short_passwords_are_masked_in_keyword_position(string password)
    {
        SecretRedactor.Register(password); // ignored for literal masking: too short...
        Assert.Equal("Server=db01;Password=" + M + ";Database=sl", SecretRedactor.Redact($"Server=db01;Password={password};Database=sl"));
        Assert.Equal("PWD=" + M, SecretRedactor.Redact($"PWD={password}"));
    }

    [Fact]
    public void Short_registered_secrets_do_not_mask_ordinary_words()
    {
        SecretRedactor.Register("the");
        Assert.Equal("the server is down", SecretRedactor.Redact("the server is down"));
    }

    [Theory]
    [InlineData("Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.eyJzdWIiOiIxMjM0In0.sig-nature_x", "Authorization: Bearer " + M)]
    [InlineData("bearer abc123== next", "Bearer " + M + " next")]
    public void Bearer_tokens_are_masked(string text, string expected)
    {
        var redacted = SecretRedactor.Redact(text);
        Assert.Equal(expected, redacted);
    }

    [Fact]
    public void Integration_runtime_keys_are_masked()
    {
        const string key = "IR@0f5c3a1e-8b2d-4c7e-9a6f-1d2e3f4a5b6c@slfactory@ServiceEndpoint=slfactory.westeurope.datafactory.azure.net@Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==";
        Assert.Equal("IR@" + M, SecretRedactor.Redact(key));

        var redacted = SecretRedactor.Redact($"Register the runtime with key {key}; then restart.");
        Assert.Equal("Register the runtime with key IR@" + M + "; then restart.", redacted);
        Assert.DoesNotContain("0f5c3a1e", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("Zm9vYmFy", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Registered_literal_secrets_are_masked_anywhere()
    {
        var secret = "Lit3ral-" + Guid.NewGuid().ToString("N");
        Assert.Equal($"login as sa with {secret} failed", SecretRedactor.Redact($"login as sa with {secret} failed"));

        SecretRedactor.Register(secret);

        Assert.Equal($"login as sa with {M} failed", SecretRedactor.Redact($"login as sa with {secret} failed"));
        Assert.Equal($"{M}{M}", SecretRedactor.Redact(secret + secret));
    }

    [Fact]
    public void Registering_null_or_empty_is_harmless()
    {
        SecretRedactor.Register(null);
        SecretRedactor.Register(string.Empty);
        Assert.Equal("nothing to hide here", SecretRedactor.Redact("nothing to hide here"));
    }

    [Theory]
    [InlineData("Server=db01;Database=SLSystem;User ID=migrator;Encrypt=True;Trust Server Certificate=True")]
    [InlineData("Connecting to 'db01' failed: the server was not found or was not accessible.")]
    [InlineData("sqlite:/var/lib/cloudmigration/SLSystem.db")]
    [InlineData("The passwords table has 12 rows; signature=abc")]
    [InlineData("IRS@example.com and FIR@x")]
    public void Ordinary_text_is_left_alone(string text)
    {
        Assert.Equal(text, SecretRedactor.Redact(text));
    }

    [Fact]
    public void Null_and_empty_give_empty()
    {
        Assert.Equal(string.Empty, SecretRedactor.Redact(null));
        Assert.Equal(string.Empty, SecretRedactor.Redact(string.Empty));
    }
}
