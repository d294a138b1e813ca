using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class CompatibilityLevelRuleTests
{
    private const string Check = "CompatibilityLevel";
    private readonly CompatibilityLevelRule rule = new();

    [Fact]
    public void Level_150_passes_for_the_system_and_each_application_database()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(["SLSystem", "SLApp", "SLApp2"], results.Select(r => r.Target));
        Assert.All(results, r => Assert.Equal(CompatibilityTargetType.Database, r.TargetType));
        Assert.All(results, r => Assert.Equal("Compatibility level 150.", r.Message));
    }

    [Fact]
    public void Level_120_fails_50001_for_that_database_with_the_alter_database_fix()
    {
        var results = rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { CompatibilityLevel = 120 }));
        var result = results.For("SLApp").Is(Check, CompatibilityStatus.Failed, "SLApp", CompatibilityTargetType.Database, code: 50001);
        Assert.Equal("ALTER DATABASE [SLApp] SET COMPATIBILITY_LEVEL = 130;", result.RecommendedAction);
        Assert.Contains("compatibility level 120", result.Message, StringComparison.Ordinal);
        results.For("SLSystem").Is(Check, CompatibilityStatus.Passed, "SLSystem", CompatibilityTargetType.Database);
        results.For("SLApp2").Is(Check, CompatibilityStatus.Passed, "SLApp2", CompatibilityTargetType.Database);
    }

    [Fact]
    public void Each_database_below_130_fails_on_its_own()
    {
        var facts = FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App2, d => d with { CompatibilityLevel = 110 });
        facts.SystemDatabaseFacts = facts.SystemDatabaseFacts with { CompatibilityLevel = 100 };
        var results = rule.Run(facts);
        Assert.Equal([CompatibilityStatus.Failed, CompatibilityStatus.Passed, CompatibilityStatus.Failed], results.Select(r => r.Status));
        Assert.Equal("ALTER DATABASE [SLSystem] SET COMPATIBILITY_LEVEL = 130;", results[0].RecommendedAction);
        Assert.Equal("ALTER DATABASE [SLApp2] SET COMPATIBILITY_LEVEL = 130;", results[2].RecommendedAction);
    }

    [Fact]
    public void Level_130_passes()
    {
        var results = rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { CompatibilityLevel = 130 }));
        results.AllPassed(Check);
    }

    [Fact]
    public void A_database_name_with_a_closing_bracket_is_quoted_in_the_fix()
    {
        var facts = FactBuilder.SqlServer().RenameApplicationDatabase(FactBuilder.App, "SL]App").ChangeDatabase("SL]App", d => d with { CompatibilityLevel = 120 });
        var result = rule.Run(facts).For("SL]App").Is(Check, CompatibilityStatus.Failed, "SL]App", CompatibilityTargetType.Database, code: 50001);
        Assert.Equal("ALTER DATABASE [SL]]App] SET COMPATIBILITY_LEVEL = 130;", result.RecommendedAction);
    }

    [Fact]
    public void An_unknown_level_warns_with_a_query_that_quotes_the_name()
    {
        var facts = FactBuilder.SqlServer().RenameApplicationDatabase(FactBuilder.App, "O'Brien").ChangeDatabase("O'Brien", d => d with { CompatibilityLevel = null });
        var result = rule.Run(facts).For("O'Brien").Is(Check, CompatibilityStatus.Warning, "O'Brien", CompatibilityTargetType.Database, code: 50001);
        Assert.StartsWith("Run SELECT compatibility_level FROM sys.databases WHERE name = N'O''Brien';", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_is_not_applicable()
    {
        var facts = FactBuilder.Sqlite();
        rule.Run(facts).SingleNotApplicable(Check, facts.SourceTarget, CompatibilityTargetType.Source);
    }
}
