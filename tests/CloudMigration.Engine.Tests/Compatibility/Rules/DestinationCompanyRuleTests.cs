using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class DestinationCompanyRuleTests
{
    private const string Check = "DestinationCompany";
    private readonly DestinationCompanyRule rule = new();

    [Fact]
    public void Existing_companies_of_the_same_name_pass()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(["0010", "0020", "0030"], results.Select(r => r.Target));
        results[0].Is(Check, CompatibilityStatus.Passed, "0010", CompatibilityTargetType.Company, company: "0010");
        Assert.StartsWith("The destination company '0010' exists;", results[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absent_company_passes_because_setup_creates_it()
    {
        var facts = FactBuilder.SqlServer();
        facts.DestinationCompanies.RemoveAll(c => c.Name == "0030");
        var result = rule.Run(facts).For("0030").Is(Check, CompatibilityStatus.Passed, "0030", CompatibilityTargetType.Company, company: "0030");
        Assert.Equal("The destination has no company '0030' yet; setup creates it.", result.Message);
    }

    [Fact]
    public void Two_selected_ids_with_the_same_sql_name_fail()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.Company("A.B", FactBuilder.App), SlFacts.Company("A_B", FactBuilder.App), SlFacts.Company("0030", FactBuilder.App2)];
        var results = rule.Run(facts);
        var first = results.For("A.B").Is(Check, CompatibilityStatus.Failed, "A.B", CompatibilityTargetType.Company, company: "A.B");
        Assert.Equal("Companies A.B and A_B would share the Business Central tables 'A_B$...'.", first.Message);
        results.For("A_B").Is(Check, CompatibilityStatus.Failed, "A_B", CompatibilityTargetType.Company, company: "A_B");
        results.For("0030").Is(Check, CompatibilityStatus.Passed, "0030", CompatibilityTargetType.Company, company: "0030");
    }

    [Fact]
    public void Selected_ids_differing_only_in_case_fail()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.Company("abc", FactBuilder.App), SlFacts.Company("ABC", FactBuilder.App2)];
        var results = rule.Run(facts);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(CompatibilityStatus.Failed, r.Status));
    }

    [Fact]
    public void An_existing_company_with_the_same_sql_name_fails()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.Company("A.B", FactBuilder.App)];
        facts.DestinationCompanies.Add(BcFacts.Company(facts.DestinationEndpoint, "A_B"));
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, "A.B", CompatibilityTargetType.Company, company: "A.B");
        Assert.Equal("The destination company 'A_B' already uses the SQL table names of 'A.B' ('A_B$...').", result.Message);
        Assert.Equal("Delete or rename the destination company 'A_B', or leave A.B out with -Company.", result.RecommendedAction);
    }

    [Fact]
    public void An_existing_company_differing_only_in_case_fails()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.Company("cronus usa, inc.", FactBuilder.App)];
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, "cronus usa, inc.", CompatibilityTargetType.Company, company: "cronus usa, inc.");
        Assert.Contains("'CRONUS USA, Inc.'", result.Message, StringComparison.Ordinal);
    }
}
