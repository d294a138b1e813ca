using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class ConnectivityRuleTests
{
    private const string Check = "Connectivity";
    private readonly ConnectivityRule rule = new();

    [Fact]
    public void Healthy_sides_pass_over_tcp_with_sql_authentication()
    {
        var facts = FactBuilder.SqlServer();
        var results = rule.Run(facts);
        Assert.Equal(2, results.Count);
        results[0].Is(Check, CompatibilityStatus.Passed, facts.SourceTarget, CompatibilityTargetType.Source);
        results[1].Is(Check, CompatibilityStatus.Passed, facts.DestinationTarget, CompatibilityTargetType.Destination);
        Assert.Equal("Connected over TCP with SQL authentication as 'slmigration'.", results[0].Message);
    }

    [Theory]
    [InlineData(53, "Error 2/53")]
    [InlineData(0, "Error 0")]
    [InlineData(1225, "Error 1225/10061")]
    public void An_unreachable_source_fails_with_its_error_number_explained(int number, string explanation)
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceError = ProviderError.Connecting(ErrorIds.ServerUnreachable, number, "The server 'sql01' cannot be reached.", "Check the server name.");
        var results = rule.Run(facts);
        var result = results[0].Is(Check, CompatibilityStatus.Failed, facts.SourceTarget, CompatibilityTargetType.Source, code: number);
        Assert.StartsWith("The server 'sql01' cannot be reached. ", result.Message, StringComparison.Ordinal);
        Assert.Contains(explanation, result.Message, StringComparison.Ordinal);
        Assert.Equal("Check the server name.", result.RecommendedAction);
        results[1].Is(Check, CompatibilityStatus.Passed, facts.DestinationTarget, CompatibilityTargetType.Destination);
    }

    [Fact]
    public void A_failed_login_fails_with_18456_and_the_mixed_mode_hint()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceError = ProviderError.Connecting(ErrorIds.LoginFailed, 18456, "Login failed for user 'slmigration'.");
        var result = rule.Run(facts)[0].Is(Check, CompatibilityStatus.Failed, facts.SourceTarget, CompatibilityTargetType.Source, code: 18456);
        Assert.Equal("Login failed for user 'slmigration'.", result.Message);
        Assert.Contains("mixed mode", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_without_a_provider_number_fails_without_a_code()
    {
        var facts = FactBuilder.SqlServer();
        facts.DestinationError = ProviderError.Connecting(ErrorIds.DatabaseNotFound, null, "The database 'BC' does not exist.", "Check the database name.");
        var results = rule.Run(facts);
        results[0].Is(Check, CompatibilityStatus.Passed, facts.SourceTarget, CompatibilityTargetType.Source);
        var result = results[1].Is(Check, CompatibilityStatus.Failed, facts.DestinationTarget, CompatibilityTargetType.Destination);
        Assert.Equal("The database 'BC' does not exist.", result.Message);
        Assert.Equal("Check the database name.", result.RecommendedAction);
    }

    [Fact]
    public void A_sqlite_failure_keeps_its_code_but_gets_no_sql_server_explanation()
    {
        var facts = FactBuilder.Sqlite();
        facts.SourceError = ProviderError.Connecting(ErrorIds.NotASqliteDatabase, 26, "'SLSystem.db' is not a SQLite database.", "Give a SQLite file.");
        var result = rule.Run(facts)[0].Is(Check, CompatibilityStatus.Failed, facts.SourceTarget, CompatibilityTargetType.Source, code: 26);
        Assert.Equal("'SLSystem.db' is not a SQLite database.", result.Message);
    }

    [Theory]
    [InlineData("Shared memory")]
    [InlineData("Named pipe")]
    [InlineData(null)]
    public void A_connection_not_over_tcp_warns(string? transport)
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { NetTransport = transport };
        var result = rule.Run(facts)[0].Is(Check, CompatibilityStatus.Warning, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Contains("not TCP", result.Message, StringComparison.Ordinal);
        Assert.Contains("TCP/IP", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_authentication_warns_on_the_source_only()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { AuthScheme = "NTLM" };
        facts.DestinationServer = facts.DestinationServer with { AuthScheme = "KERBEROS" };
        var results = rule.Run(facts);
        var source = results[0].Is(Check, CompatibilityStatus.Warning, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Contains("NTLM", source.Message, StringComparison.Ordinal);
        Assert.Contains("SQL Server login", source.RecommendedAction, StringComparison.Ordinal);
        results[1].Is(Check, CompatibilityStatus.Passed, facts.DestinationTarget, CompatibilityTargetType.Destination);
    }

    [Fact]
    public void Azure_sql_and_sqlite_pass_without_transport_facts()
    {
        var azure = FactBuilder.SqlServer();
        azure.SourceEndpoint = CmEndpoint.Parse("sqlserver:Server=tcp:slsrv.database.windows.net,1433;Database=SLSystem;User ID=u");
        azure.SourceServer = ServerSpec.AzureSql("u") with { NetTransport = null, AuthScheme = null };
        Assert.Equal(EndpointKind.AzureSql, azure.SourceEndpoint.Kind);
        Assert.Equal("Connected.", rule.Run(azure)[0].Is(Check, CompatibilityStatus.Passed, azure.SourceTarget, CompatibilityTargetType.Source).Message);

        var sqlite = FactBuilder.Sqlite();
        var results = rule.Run(sqlite);
        results[0].Is(Check, CompatibilityStatus.Passed, sqlite.SourceTarget, CompatibilityTargetType.Source);
        results[1].Is(Check, CompatibilityStatus.Passed, sqlite.DestinationTarget, CompatibilityTargetType.Destination);
    }

    [Fact]
    public void Both_sides_unreachable_give_two_failures()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceError = ProviderError.Connecting(ErrorIds.ServerUnreachable, 53);
        facts.DestinationError = ProviderError.Connecting(ErrorIds.LoginFailed, 18456);
        var results = rule.Run(facts);
        Assert.Equal([53, 18456], results.Select(r => r.Code));
        Assert.All(results, r => Assert.Equal(CompatibilityStatus.Failed, r.Status));
        Assert.Equal([CompatibilityTargetType.Source, CompatibilityTargetType.Destination], results.Select(r => r.TargetType));
    }
}
