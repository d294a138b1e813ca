using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class SourceTableRuleTests
{
    private const string Check = "SourceTable";
    private readonly SourceTableRule rule = new();

    [Fact]
    public void Every_mapped_table_present_passes_per_company()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(["0010", "0020", "0030"], results.Select(r => r.Target));
        results[0].Is(Check, CompatibilityStatus.Passed, "0010", CompatibilityTargetType.Company, company: "0010");
        Assert.Equal("All 60 mapped tables exist in 'SLApp'.", results[0].Message);
    }

    [Fact]
    public void A_missing_table_warns_50004_for_each_company_of_the_database()
    {
        var results = rule.Run(FactBuilder.SqlServer().RemoveTable(FactBuilder.App, "GLTran"));
        var result = results.For("0010/GLTran").Is(Check, CompatibilityStatus.Warning, "0010/GLTran", CompatibilityTargetType.Table, code: 50004, company: "0010");
        Assert.Equal("GLTran does not exist in 'SLApp'; it is skipped for company 0010 (50004).", result.Message);
        Assert.Contains("'SLApp'", result.RecommendedAction, StringComparison.Ordinal);
        results.For("0020/GLTran").Is(Check, CompatibilityStatus.Warning, "0020/GLTran", CompatibilityTargetType.Table, code: 50004, company: "0020");
        results.For("0030").Is(Check, CompatibilityStatus.Passed, "0030", CompatibilityTargetType.Company, company: "0030");
        Assert.DoesNotContain(results, r => r.Target is "0010" or "0020");
    }

    [Fact]
    public void A_company_whose_database_was_not_read_gets_no_result()
    {
        var facts = FactBuilder.SqlServer();
        facts.ApplicationDatabases.Remove(FactBuilder.App2);
        Assert.Equal(["0010", "0020"], rule.Run(facts).Select(r => r.Target));
    }
}
