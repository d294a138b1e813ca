using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class MigrationExtensionRuleTests
{
    private const string Check = "MigrationExtension";
    private readonly MigrationExtensionRule rule = new();

    [Theory]
    [InlineData("29.0.0.0", "Microsoft")]
    [InlineData("29.5.12345.0", "Microsoft")]
    [InlineData("29.0.0.0", "MICROSOFT")]
    public void Version_29_by_microsoft_passes(string version, string publisher)
    {
        var facts = WithExtension(version, publisher);
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, facts.DestinationTarget, CompatibilityTargetType.Destination);
        Assert.Equal($"'Dynamics SL Migration' {version} is installed.", result.Message);
    }

    [Fact]
    public void A_missing_extension_fails_50017()
    {
        var facts = FactBuilder.SqlServer();
        facts.Extensions = [BcFacts.BaseApplication(facts.DestinationEndpoint)];
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, facts.DestinationTarget, CompatibilityTargetType.Destination, code: 50017);
        Assert.Contains("237981b4-9e3c-437c-9b92-988aae978e8f", result.Message, StringComparison.Ordinal);
        Assert.Contains("Install 'Dynamics SL Migration' by Microsoft", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_id_from_another_publisher_fails_50017()
    {
        var facts = WithExtension("29.0.0.0", "Contoso");
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, facts.DestinationTarget, CompatibilityTargetType.Destination, code: 50017);
        Assert.Contains("by 'Contoso', not by Microsoft", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("28.3.0.0")]
    [InlineData("23.0.0.0")]
    public void An_older_major_version_fails_50017(string version)
    {
        var facts = WithExtension(version);
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, facts.DestinationTarget, CompatibilityTargetType.Destination, code: 50017);
        Assert.Contains($"{version} is older than 29.0", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_major_version_warns()
    {
        var facts = WithExtension("30.0.0.0");
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Warning, facts.DestinationTarget, CompatibilityTargetType.Destination, code: 50017);
        Assert.Contains("SchemaAlignment", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_destinations_are_judged_alike()
    {
        var facts = FactBuilder.Sqlite();
        Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, facts.DestinationTarget, CompatibilityTargetType.Destination);
    }

    private static FactBuilder WithExtension(string version, string publisher = "Microsoft")
    {
        var facts = FactBuilder.SqlServer();
        facts.Extensions = [BcFacts.BaseApplication(facts.DestinationEndpoint), BcFacts.MigrationExtension(facts.DestinationEndpoint, Version.Parse(version), publisher)];
        return facts;
    }
}
