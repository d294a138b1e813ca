using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Tests.Connections;

public sealed class KeywordSuggesterTests
{
    private static readonly string[] Known =
    [
        "Server", "Data Source", "Initial Catalog", "Database", "User ID", "UID", "Password", "PWD",
        "Integrated Security", "Trusted_Connection", "Encrypt", "Trust Server Certificate", "TrustServerCertificate",
        "Connect Timeout", "Application Name", "Authentication", "Multiple Active Result Sets", "Mode", "Cache",
    ];

    [Theory]
    [InlineData("UserID", "User ID")]
    [InlineData("user_id", "User ID")]
    [InlineData("USER-ID", "User ID")]
    [InlineData("Pasword", "Password")]
    [InlineData("Passwrod", "Password")]
    [InlineData("Sever", "Server")]
    [InlineData("Servr", "Server")]
    [InlineData("Initial Catolog", "Initial Catalog")]
    [InlineData("InitialCatalogue", "Initial Catalog")]
    [InlineData("Databse", "Database")]
    [InlineData("DataSource", "Data Source")]
    [InlineData("Integrated Securty", "Integrated Security")]
    [InlineData("Trust Server Certficate", "Trust Server Certificate")]
    [InlineData("Conect Timeout", "Connect Timeout")]
    [InlineData("Authenticaton", "Authentication")]
    [InlineData("Encrpt", "Encrypt")]
    public void Close_typos_are_suggested(string typed, string expected)
    {
        Assert.Equal(expected, KeywordSuggester.Suggest(typed, Known));
    }

    [Theory]
    [InlineData("Flibbertigibbet")]
    [InlineData("Colour")]
    [InlineData("Port")]
    [InlineData("Host")]
    [InlineData("Username")]
    [InlineData("Encryption Level")]
    [InlineData("Timeout")]
    [InlineData("xyz")]
    public void Far_words_are_not_suggested(string typed)
    {
        Assert.Null(KeywordSuggester.Suggest(typed, Known));
    }

    [Fact]
    public void Nothing_known_means_no_suggestion()
    {
        Assert.Null(KeywordSuggester.Suggest("Server", []));
    }

    [Fact]
    public void The_closest_candidate_wins()
    {
        Assert.Equal("Mode", KeywordSuggester.Suggest("Mod", ["Model Name", "Mode", "Node Type"]));
        Assert.Equal("Cache", KeywordSuggester.Suggest("Cashe", ["Cache", "Cached Results"]));
    }
}
