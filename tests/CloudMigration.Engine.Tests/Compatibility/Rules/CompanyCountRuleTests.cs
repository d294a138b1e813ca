using System.Globalization;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class CompanyCountRuleTests
{
    private const string Check = "CompanyCount";
    private readonly CompanyCountRule rule = new();

    [Fact]
    public void Three_companies_pass()
    {
        var result = Assert.Single(rule.Run(FactBuilder.SqlServer())).Is(Check, CompatibilityStatus.Passed, "3 selected companies", CompatibilityTargetType.Selection);
        Assert.Equal("3 companies selected.", result.Message);
    }

    [Fact]
    public void One_company_passes_in_the_singular()
    {
        var facts = FactBuilder.SqlServer();
        facts.Selected = [facts.Companies[0]];
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, "1 selected company", CompatibilityTargetType.Selection);
        Assert.Equal("1 company selected.", result.Message);
    }

    [Fact]
    public void Two_hundred_ninety_nine_pass()
    {
        Assert.Single(rule.Run(WithCompanies(299))).Is(Check, CompatibilityStatus.Passed, "299 selected companies", CompatibilityTargetType.Selection);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(5000)]
    public void From_three_hundred_to_five_thousand_warn(int count)
    {
        var result = Assert.Single(rule.Run(WithCompanies(count))).Is(Check, CompatibilityStatus.Warning, $"{count} selected companies", CompatibilityTargetType.Selection);
        Assert.Contains("batches of up to 250", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_lookup_returns_fails()
    {
        var result = Assert.Single(rule.Run(WithCompanies(5001))).Is(Check, CompatibilityStatus.Failed, "5001 selected companies", CompatibilityTargetType.Selection);
        Assert.Contains("5,000 rows, 4 MB", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_company_fails()
    {
        var facts = FactBuilder.SqlServer();
        facts.Selected = [];
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, "0 selected companies", CompatibilityTargetType.Selection);
        Assert.Contains("Get-CmCompany", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_over_4_mb_fails_even_with_few_companies()
    {
        var facts = WithCompanies(100, nameLength: 45_000);
        var bytes = CompanyCountRule.LookupBytes(facts.Build());
        Assert.True(bytes > 4L * 1024 * 1024, bytes.ToString(CultureInfo.InvariantCulture));
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, "100 selected companies", CompatibilityTargetType.Selection);
        Assert.Contains(bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_just_under_4_mb_passes()
    {
        var facts = WithCompanies(100, nameLength: 40_000);
        Assert.True(CompanyCountRule.LookupBytes(facts.Build()) < 4L * 1024 * 1024);
        Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, "100 selected companies", CompatibilityTargetType.Selection);
    }

    [Fact]
    public void Lookup_bytes_count_one_json_object_per_company_as_stored()
    {
        var facts = FactBuilder.SqlServer();
        facts.Selected = [SlFacts.RawCompany("0010      ", "SLApp")];
        // {"CpnyID":"0010      ","CpnyName":"Company","DatabaseName":"SLApp"} and a separator
        Assert.Equal(67 + 1, CompanyCountRule.LookupBytes(facts.Build()));
    }

    private static FactBuilder WithCompanies(int count, int nameLength = 30)
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = Enumerable.Range(1, count).Select(i => new Engine.Facts.SlCompanyFacts
        {
            RawId = i.ToString("D5", CultureInfo.InvariantCulture).PadRight(10),
            RawName = new string('n', nameLength),
            ApplicationDatabase = FactBuilder.App,
            Active = true,
        }).ToList();
        return facts;
    }
}
