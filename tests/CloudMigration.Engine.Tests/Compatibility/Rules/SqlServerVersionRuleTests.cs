using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class SqlServerVersionRuleTests
{
    private const string Check = "SqlServerVersion";
    private readonly SqlServerVersionRule rule = new();

    [Fact]
    public void Sql_server_2019_passes()
    {
        var facts = FactBuilder.SqlServer();
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Equal("SQL Server 15.0.2000.5 (RTM).", result.Message);
    }

    [Theory]
    [InlineData("12.0.6024.0", "SP3")]
    [InlineData("13.0.1601.5", "RTM")]
    [InlineData("13.0.4000.99", "RTM")]
    public void Older_than_2016_sp1_fails(string version, string level)
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { ProductVersion = Version.Parse(version), ProductLevel = level };
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Contains($"SQL Server {version} ({level})", result.Message, StringComparison.Ordinal);
        Assert.Contains("SQL Server 2016 SP1 or later", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13.0.4001.0")]
    [InlineData("13.0.4001")]
    [InlineData("13.0.5026.0")]
    [InlineData("16.0.1000.6")]
    public void Sql_server_2016_sp1_and_later_pass(string version)
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { ProductVersion = Version.Parse(version), ProductLevel = "SP1" };
        Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, facts.SourceTarget, CompatibilityTargetType.Source);
    }

    [Fact]
    public void Azure_sql_passes_whatever_version_it_reports()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceEndpoint = CmEndpoint.Parse("sqlserver:Server=tcp:slsrv.database.windows.net,1433;Database=SLSystem;User ID=u");
        facts.SourceServer = ServerSpec.AzureSql("u");
        Assert.Equal(EndpointKind.AzureSql, facts.SourceEndpoint.Kind);
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Contains("Azure SQL Database", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_edition_5_counts_as_azure_sql()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { EngineEdition = 5, ProductVersion = new Version(12, 0, 2000, 8) };
        Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, facts.SourceTarget, CompatibilityTargetType.Source);
    }

    [Fact]
    public void An_unknown_version_warns()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { ProductVersion = null };
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Warning, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Contains("SELECT @@VERSION", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_is_not_applicable()
    {
        var facts = FactBuilder.Sqlite();
        rule.Run(facts).SingleNotApplicable(Check, facts.SourceTarget, CompatibilityTargetType.Source);
    }
}
