using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class SqlServerEditionRuleTests
{
    private const string Check = "SqlServerEdition";
    private readonly SqlServerEditionRule rule = new();

    [Theory]
    [InlineData("Standard Edition (64-bit)")]
    [InlineData("Enterprise Edition: Core-based Licensing (64-bit)")]
    [InlineData("SQL Azure")]
    public void A_licensed_edition_passes(string edition)
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { Edition = edition };
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Equal(edition, result.Message);
    }

    [Fact]
    public void Developer_edition_warns()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { Edition = "Developer Edition (64-bit)", EngineEdition = 3 };
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Warning, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Contains("Developer Edition (64-bit)", result.Message, StringComparison.Ordinal);
        Assert.Contains("Standard or Enterprise", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_is_not_applicable()
    {
        var facts = FactBuilder.Sqlite();
        rule.Run(facts).SingleNotApplicable(Check, facts.SourceTarget, CompatibilityTargetType.Source);
    }
}
