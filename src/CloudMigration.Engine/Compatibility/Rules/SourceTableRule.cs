namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>A mapped table missing from a company's application database is skipped with a warning (Microsoft's code 50004).</summary>
public sealed class SourceTableRule : ICompatibilityRule
{
    public string Check => "SourceTable";

    public int? Code => 50004;

    public string Description => "Every mapped SL table exists in each selected company's application database (a missing one is skipped: warning 50004).";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        foreach (var company in context.SelectedCompanies)
        {
            if (source.ApplicationDatabase(company.ApplicationDatabase) is not { } database)
            {
                continue;
            }

            var missing = context.Catalog.Tables.Where(t => database.Table(t.Name) is null).ToArray();
            foreach (var table in missing)
            {
                yield return this.Result(CompatibilityStatus.Warning, company.Id + "/" + table.Name, CompatibilityTargetType.Table,
                    $"{table.Name} does not exist in '{database.Name}'; it is skipped for company {company.Id} (50004).",
                    $"If the {table.Module} module is in use, restore the table in '{database.Name}'; otherwise nothing needs doing.", company.Id);
            }

            if (missing.Length == 0)
            {
                yield return this.Result(CompatibilityStatus.Passed, company.Id, CompatibilityTargetType.Company,
                    $"All {context.Catalog.Tables.Count} mapped tables exist in '{database.Name}'.", company: company.Id);
            }
        }
    }
}
