namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>Each selected company's application database (Company.DatabaseName) exists and can be read.</summary>
public sealed class ApplicationDatabaseRule : ICompatibilityRule
{
    public string Check => "ApplicationDatabase";

    public int? Code => null;

    public string Description => "Each selected company's application database exists on the source and can be read.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        foreach (var company in context.SelectedCompanies)
        {
            var name = company.ApplicationDatabase;
            if (name.Length == 0)
            {
                yield return this.Result(CompatibilityStatus.Failed, company.Id, CompatibilityTargetType.Company,
                    $"Company {company.Id} names no application database (Company.DatabaseName is empty).",
                    "Fix the company's database name in Dynamics SL (Company Maintenance), or leave the company out with -Company.", company.Id);
            }
            else if (source.ApplicationDatabaseProblems.TryGetValue(name, out var problem))
            {
                yield return this.Result(CompatibilityStatus.Failed, company.Id, CompatibilityTargetType.Company, problem,
                    $"Restore or attach '{name}' next to the system database and give the login db_owner in it, or leave company {company.Id} out with -Company.", company.Id);
            }
            else if (source.ApplicationDatabase(name) is not null)
            {
                yield return this.Result(CompatibilityStatus.Passed, company.Id, CompatibilityTargetType.Company, $"Application database '{name}' was read.", company: company.Id);
            }
        }
    }
}
