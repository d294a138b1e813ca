using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class CollationRuleTests
{
    private const string Check = "Collation";
    private readonly CollationRule rule = new();

    [Fact]
    public void A_case_insensitive_collation_passes_for_every_source_database()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(["SLSystem", "SLApp", "SLApp2"], results.Select(r => r.Target));
        Assert.Equal("Collation SQL_Latin1_General_CP1_CI_AS.", results[1].Message);
    }

    [Theory]
    [InlineData("Latin1_General_CS_AS")]
    [InlineData("SQL_Latin1_General_CP1_CS_AS")]
    [InlineData("Latin1_General_BIN2")]
    [InlineData("Latin1_General_100_CS_AS_SC_UTF8")]
    public void A_case_sensitive_collation_warns(string collation)
    {
        var results = rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { Collation = collation }));
        var result = results.For("SLApp").Is(Check, CompatibilityStatus.Warning, "SLApp", CompatibilityTargetType.Database);
        Assert.Contains(collation, result.Message, StringComparison.Ordinal);
        Assert.Single(results, r => r.Status != CompatibilityStatus.Passed);
    }

    [Theory]
    [InlineData("Latin1_General_100_CI_AS_SC_UTF8")]
    [InlineData("Latin1_General_CI_AI")]
    [InlineData("Cyrillic_General_CI_AS")]
    public void Other_case_insensitive_collations_pass(string collation)
    {
        rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { Collation = collation })).AllPassed(Check);
    }

    [Fact]
    public void An_unknown_collation_is_not_applicable_for_that_database()
    {
        var results = rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App2, d => d with { Collation = null }));
        results.For("SLApp2").Is(Check, CompatibilityStatus.NotApplicable, "SLApp2", CompatibilityTargetType.Database);
    }

    [Fact]
    public void Sqlite_is_not_applicable()
    {
        var facts = FactBuilder.Sqlite();
        rule.Run(facts).SingleNotApplicable(Check, facts.SourceTarget, CompatibilityTargetType.Source);
    }
}
