using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class SubaccountSegmentRuleTests
{
    private const string Check = "SubaccountSegments";
    private readonly SubaccountSegmentRule rule = new();

    [Fact]
    public void Four_segments_pass_for_each_company()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(["0010", "0020", "0030"], results.Select(r => r.Target));
        results[0].Is(Check, CompatibilityStatus.Passed, "0010", CompatibilityTargetType.Company, company: "0010");
        Assert.Equal("4 sub-account segments.", results[0].Message);
    }

    [Fact]
    public void Ten_segments_fail_for_each_company_of_that_database()
    {
        var facts = FactBuilder.SqlServer();
        facts.SubaccountSegments[FactBuilder.App] = 10;
        var results = rule.Run(facts);
        var result = results.For("0010").Is(Check, CompatibilityStatus.Failed, "0010", CompatibilityTargetType.Company, company: "0010");
        Assert.Contains("10 sub-account segments", result.Message, StringComparison.Ordinal);
        results.For("0020").Is(Check, CompatibilityStatus.Failed, "0020", CompatibilityTargetType.Company, company: "0020");
        results.For("0030").Is(Check, CompatibilityStatus.Passed, "0030", CompatibilityTargetType.Company, company: "0030");
    }

    [Fact]
    public void Nine_segments_pass()
    {
        var facts = FactBuilder.SqlServer();
        facts.SubaccountSegments[FactBuilder.App] = 9;
        rule.Run(facts).AllPassed(Check);
    }

    [Fact]
    public void No_subaccount_flexdef_row_warns()
    {
        var facts = FactBuilder.SqlServer();
        facts.SubaccountSegments.Remove(FactBuilder.App2);
        var result = rule.Run(facts).For("0030").Is(Check, CompatibilityStatus.Warning, "0030", CompatibilityTargetType.Company, company: "0030");
        Assert.Contains("'SLApp2' has no FlexDef row for SUBACCOUNT", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_company_whose_database_was_not_read_is_left_to_the_application_database_check()
    {
        var facts = FactBuilder.SqlServer();
        facts.ApplicationDatabases.Remove(FactBuilder.App2);
        facts.SubaccountSegments.Remove(FactBuilder.App2);
        var results = rule.Run(facts);
        Assert.Equal(["0010", "0020"], results.Select(r => r.Target));
    }
}
