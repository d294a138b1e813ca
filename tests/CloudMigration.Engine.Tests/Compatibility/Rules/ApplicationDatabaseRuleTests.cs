using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class ApplicationDatabaseRuleTests
{
    private const string Check = "ApplicationDatabase";
    private readonly ApplicationDatabaseRule rule = new();

    [Fact]
    public void Each_selected_company_whose_database_was_read_passes()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(["0010", "0020", "0030"], results.Select(r => r.Target));
        results[2].Is(Check, CompatibilityStatus.Passed, "0030", CompatibilityTargetType.Company, company: "0030");
        Assert.Equal("Application database 'SLApp2' was read.", results[2].Message);
    }

    [Fact]
    public void A_missing_application_database_fails_for_its_company()
    {
        var facts = FactBuilder.SqlServer();
        facts.ApplicationDatabases.Remove(FactBuilder.App2);
        facts.ApplicationDatabaseProblems[FactBuilder.App2] = "The application database 'SLApp2' does not exist on 'sql01'.";
        var results = rule.Run(facts);
        var result = results.For("0030").Is(Check, CompatibilityStatus.Failed, "0030", CompatibilityTargetType.Company, company: "0030");
        Assert.Equal("The application database 'SLApp2' does not exist on 'sql01'.", result.Message);
        Assert.Contains("'SLApp2'", result.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("company 0030", result.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(2, results.Count(r => r.Status == CompatibilityStatus.Passed));
    }

    [Fact]
    public void A_company_without_a_database_name_fails()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies.Add(SlFacts.Company("0040", string.Empty));
        var result = rule.Run(facts).For("0040").Is(Check, CompatibilityStatus.Failed, "0040", CompatibilityTargetType.Company, company: "0040");
        Assert.Contains("Company.DatabaseName is empty", result.Message, StringComparison.Ordinal);
    }
}
