using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class DynamicsSLVersionRuleTests
{
    private const string Check = "DynamicsSLVersion";
    private readonly DynamicsSLVersionRule rule = new();

    [Theory]
    [InlineData(10, "SL 2018")]
    [InlineData(9, "SL 2015")]
    [InlineData(11, "newer than SL 2018")]
    public void Sl_2015_and_later_pass_on_the_system_database(int major, string name)
    {
        var facts = FactBuilder.SqlServer();
        facts.SlMajorVersion = major;
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, "SLSystem", CompatibilityTargetType.Database);
        Assert.Equal($"Dynamics SL major version {major} ({name}).", result.Message);
    }

    [Theory]
    [InlineData(8, "SL 2011")]
    [InlineData(7, "older than SL 2011")]
    public void Before_sl_2015_fails(int major, string name)
    {
        var facts = FactBuilder.SqlServer();
        facts.SlMajorVersion = major;
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, "SLSystem", CompatibilityTargetType.Database);
        Assert.Contains($"{major} ({name})", result.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade Dynamics SL", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_version_warns_and_shows_what_get_version_returned()
    {
        var facts = FactBuilder.SqlServer();
        facts.SlMajorVersion = null;
        facts.SlVersionText = "Build=ABC";
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Warning, "SLSystem", CompatibilityTargetType.Database);
        Assert.Contains("(Build=ABC)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_get_version_procedure_warns()
    {
        var facts = FactBuilder.SqlServer();
        facts.SlMajorVersion = null;
        facts.SlVersionText = null;
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Warning, "SLSystem", CompatibilityTargetType.Database);
        Assert.Equal("'SLSystem' has no getVersion procedure, so the Dynamics SL version is unknown.", result.Message);
    }

    [Fact]
    public void Applies_to_sqlite_sources_too()
    {
        Assert.Single(rule.Run(FactBuilder.Sqlite())).Is(Check, CompatibilityStatus.Passed, "SLSystem", CompatibilityTargetType.Database);
    }
}
