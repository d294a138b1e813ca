using CloudMigration.Engine.Compatibility;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>Assertions on compatibility results that name every property a test pins.</summary>
internal static class ResultAssert
{
    public static List<CompatibilityResult> Run(this ICompatibilityRule rule, CompatibilityContext context) => rule.Evaluate(context).ToList();

    public static List<CompatibilityResult> Run(this ICompatibilityRule rule, FactBuilder facts) => rule.Evaluate(facts.Build()).ToList();

    /// <summary>The one result for a target.</summary>
    public static CompatibilityResult For(this IEnumerable<CompatibilityResult> results, string target) => Assert.Single(results, r => r.Target == target);

    public static CompatibilityResult Is(this CompatibilityResult result, string check, CompatibilityStatus status, string target,
        CompatibilityTargetType type, int? code = null, string? company = null)
    {
        Assert.Equal(check, result.Check);
        Assert.Equal(status, result.Status);
        Assert.Equal(target, result.Target);
        Assert.Equal(type, result.TargetType);
        Assert.Equal(code, result.Code);
        Assert.Equal(company, result.Company);
        Assert.False(string.IsNullOrWhiteSpace(result.Message), $"{result} has no message.");
        if (status is CompatibilityStatus.Failed or CompatibilityStatus.Warning)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.RecommendedAction), $"{result} has no recommended action.");
        }

        return result;
    }

    /// <summary>Every result passed, and there is at least one.</summary>
    public static void AllPassed(this IReadOnlyCollection<CompatibilityResult> results, string check)
    {
        Assert.NotEmpty(results);
        Assert.All(results, r =>
        {
            Assert.Equal(check, r.Check);
            Assert.True(r.Status == CompatibilityStatus.Passed, $"{r}: {r.Message}");
            Assert.Null(r.Code);
            Assert.Equal(string.Empty, r.RecommendedAction);
        });
    }

    /// <summary>The rule says once, with a reason, that it does not apply to this side.</summary>
    public static CompatibilityResult SingleNotApplicable(this IEnumerable<CompatibilityResult> results, string check, string target, CompatibilityTargetType type)
    {
        var result = Assert.Single(results);
        result.Is(check, CompatibilityStatus.NotApplicable, target, type);
        return result;
    }
}
