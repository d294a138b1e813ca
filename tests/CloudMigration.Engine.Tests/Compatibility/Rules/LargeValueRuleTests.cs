using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class LargeValueRuleTests
{
    private const string Check = "LargeValues";
    private const long MB = 1024 * 1024;
    private readonly LargeValueRule rule = new();

    [Fact]
    public void A_standard_sl_database_has_no_large_value_column()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(["SLApp", "SLApp2"], results.Select(r => r.Target));
        Assert.All(results, r => Assert.Equal("No mapped table has a large-value column.", r.Message));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("ntext")]
    [InlineData("nvarchar(max)")]
    [InlineData("varbinary(max)")]
    [InlineData("image")]
    public void A_value_of_25_mb_fails_for_its_column(string sqlType)
    {
        var results = rule.Run(WithNotes(sqlType, 25 * MB));
        var result = results.For("SLApp/GLTran.Notes").Is(Check, CompatibilityStatus.Failed, "SLApp/GLTran.Notes", CompatibilityTargetType.Column);
        Assert.Contains("25.0 MB", result.Message, StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM [dbo].[GLTran] WHERE DATALENGTH([Notes]) > 20971520;", result.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain(results, r => r.Target == "SLApp");
        results.For("SLApp2").Is(Check, CompatibilityStatus.Passed, "SLApp2", CompatibilityTargetType.Database);
    }

    [Theory]
    [InlineData(1 * MB)]
    [InlineData(20 * MB)]
    public void Values_up_to_20_mb_pass(long bytes)
    {
        var results = rule.Run(WithNotes("ntext", bytes));
        results.AllPassed(Check);
        Assert.Equal("No value of the 1 large-value column(s) is over 20 MB.", results.For("SLApp").Message);
    }

    [Fact]
    public void A_large_value_in_a_column_that_is_not_large_value_type_is_not_judged()
    {
        rule.Run(WithNotes("nvarchar(4000)", 25 * MB)).AllPassed(Check);
    }

    [Fact]
    public void Sqlite_is_not_applicable()
    {
        var facts = FactBuilder.Sqlite();
        rule.Run(facts).SingleNotApplicable(Check, facts.SourceTarget, CompatibilityTargetType.Source);
    }

    /// <summary>GLTran in SLApp with an extra column Notes whose largest value is <paramref name="bytes"/>.</summary>
    private static FactBuilder WithNotes(string sqlType, long bytes) =>
        FactBuilder.SqlServer().ChangeTable(FactBuilder.App, "GLTran", t => t with
        {
            Schema = t.Schema.WithColumn("Notes", sqlType),
            LargestValues = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["Notes"] = bytes },
        });
}
