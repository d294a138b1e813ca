namespace CloudMigration.Engine.Compatibility;

/// <summary>Helpers rules use to write results with their own check name and code.</summary>
internal static class RuleResults
{
    public static CompatibilityResult Result(this ICompatibilityRule rule, CompatibilityStatus status, string target, CompatibilityTargetType type,
        string message, string recommendedAction = "", string? company = null, int? code = null) => new()
    {
        Check = rule.Check,
        Target = target,
        TargetType = type,
        Company = company,
        Status = status,
        Code = status is CompatibilityStatus.Failed or CompatibilityStatus.Warning ? code ?? rule.Code : null,
        Message = message,
        RecommendedAction = recommendedAction,
    };

    public static CompatibilityResult NotApplicable(this ICompatibilityRule rule, string target, CompatibilityTargetType type, string reason) =>
        rule.Result(CompatibilityStatus.NotApplicable, target, type, reason);
}
