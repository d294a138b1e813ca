using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class CompanyNameRuleTests
{
    private const string Check = "CompanyName";
    private readonly CompanyNameRule rule = new();

    [Fact]
    public void Space_padded_char_10_ids_pass()
    {
        var facts = FactBuilder.SqlServer();
        Assert.All(facts.Companies, c => Assert.Equal(10, c.RawId.Length));
        var results = rule.Run(facts);
        results.AllPassed(Check);
        results[0].Is(Check, CompatibilityStatus.Passed, "0010", CompatibilityTargetType.Company, company: "0010");
        Assert.Equal("'0010' is a valid company name.", results[0].Message);
    }

    [Theory]
    [InlineData("A[1", "A[1", "the character(s) '['")]
    [InlineData("A]1", "A]1", "the character(s) ']'")]
    [InlineData("A.1", "A.1", "the character(s) '.'")]
    [InlineData("A/1", "A/1", "the character(s) '/'")]
    [InlineData("A\\1", "A\\1", "the character(s) '\\'")]
    [InlineData("A\"1", "A\"1", "the character(s) '\"'")]
    [InlineData("A\u00011", "A\u00011", "control characters")]
    [InlineData(" 0010", "0010", "leading spaces")]
    [InlineData("0010\u00A0", "0010", "trailing white space")]
    public void An_id_that_breaks_sql_names_fails_50021(string id, string target, string problem)
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.Company(id, FactBuilder.App), SlFacts.Company("0020", FactBuilder.App)];
        var results = rule.Run(facts);
        var result = results[0].Is(Check, CompatibilityStatus.Failed, target, CompatibilityTargetType.Company, code: 50021, company: target);
        Assert.Contains(problem, result.Message, StringComparison.Ordinal);
        Assert.EndsWith("(50021).", result.Message, StringComparison.Ordinal);
        Assert.Contains("letters, digits, '-' and '_'", result.RecommendedAction, StringComparison.Ordinal);
        results[1].Is(Check, CompatibilityStatus.Passed, "0020", CompatibilityTargetType.Company, company: "0020");
    }

    [Fact]
    public void A_control_character_is_shown_escaped_in_the_message()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.RawCompany("00\t10     ", FactBuilder.App)];
        var result = Assert.Single(rule.Run(facts));
        Assert.Contains("'00\\u000910'", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\t', result.Message);
        // Target and Company stay the raw id, like every other rule's, so results of one company group together.
        Assert.Equal("00\t10", result.Target);
    }

    [Fact]
    public void An_id_of_spaces_only_fails()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.RawCompany("          ", FactBuilder.App)];
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, string.Empty, CompatibilityTargetType.Company, code: 50021, company: string.Empty);
        Assert.Contains("no characters", result.Message, StringComparison.Ordinal);
    }
}
