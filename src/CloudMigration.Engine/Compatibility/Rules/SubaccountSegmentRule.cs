namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>Companies whose sub-account flexkey (FlexDef 'SUBACCOUNT') has more than 9 segments are rejected.</summary>
public sealed class SubaccountSegmentRule : ICompatibilityRule
{
    public string Check => "SubaccountSegments";

    public int? Code => null;

    public string Description => "Each selected company's sub-account has at most 9 segments (FlexDef 'SUBACCOUNT').";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        foreach (var company in context.SelectedCompanies)
        {
            var database = company.ApplicationDatabase;
            if (source.ApplicationDatabase(database) is null)
            {
                continue; // the ApplicationDatabase check reports it
            }

            if (!source.SubaccountSegments.TryGetValue(database, out var segments))
            {
                yield return this.Result(CompatibilityStatus.Warning, company.Id, CompatibilityTargetType.Company,
                    $"'{database}' has no FlexDef row for SUBACCOUNT, so the sub-account segments of company {company.Id} are unknown.",
                    "Define the sub-account flexkey in Dynamics SL (Flexkey Definition, 21.310.00).", company.Id);
            }
            else if (segments > CompatibilityLimits.MaximumSubaccountSegments)
            {
                yield return this.Result(CompatibilityStatus.Failed, company.Id, CompatibilityTargetType.Company,
                    $"Company {company.Id} has {segments} sub-account segments; migration takes at most {CompatibilityLimits.MaximumSubaccountSegments}.",
                    "Reduce the sub-account segments in Dynamics SL (Flexkey Definition), or leave the company out with -Company.", company.Id);
            }
            else
            {
                yield return this.Result(CompatibilityStatus.Passed, company.Id, CompatibilityTargetType.Company, $"{segments} sub-account segments.", company: company.Id);
            }
        }
    }
}
