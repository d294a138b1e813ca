using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility;

public sealed class CompanyNameProblemsTests
{
    [Theory]
    [InlineData("0010      ")]
    [InlineData("0010")]
    [InlineData("CRONUS-US_1")]
    [InlineData("A B")]
    public void Valid_ids_have_no_problem(string rawId)
    {
        Assert.Empty(CompanyNameRule.Problems(rawId));
    }

    [Theory]
    [InlineData("A.B", new[] { "the character(s) '.'" })]
    [InlineData("[A].B..", new[] { "the character(s) '[' ']' '.'" })]
    [InlineData("A/B\\C\"", new[] { "the character(s) '/' '\\' '\"'" })]
    [InlineData("A\u0007B", new[] { "control characters" })]
    [InlineData("\tAB", new[] { "control characters", "leading spaces" })]
    [InlineData("AB\t", new[] { "control characters" })]
    [InlineData(" AB", new[] { "leading spaces" })]
    [InlineData("\u00A0AB", new[] { "leading spaces" })]
    [InlineData("AB\u00A0", new[] { "trailing white space" })]
    [InlineData("AB\u00A0   ", new[] { "trailing white space" })]
    [InlineData("", new[] { "no characters" })]
    [InlineData("          ", new[] { "no characters" })]
    [InlineData(" .", new[] { "the character(s) '.'", "leading spaces" })]
    public void Each_kind_of_problem_is_named_once(string rawId, string[] problems)
    {
        Assert.Equal(problems, CompanyNameRule.Problems(rawId));
    }

    [Fact]
    public void A_null_id_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => CompanyNameRule.Problems(null!).ToList());
    }
}
