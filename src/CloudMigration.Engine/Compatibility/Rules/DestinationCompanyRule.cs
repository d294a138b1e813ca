using CloudMigration.Engine.Products.BusinessCentral;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// Each selected company lands in the Business Central company named after its id. Its SQL tables are
/// named with '.', '\', '/' and '"' replaced by '_', and SQL Server compares names without case, so two
/// different names can claim the same tables: another selected company, or an existing destination company.
/// </summary>
public sealed class DestinationCompanyRule : ICompatibilityRule
{
    public string Check => "DestinationCompany";

    public int? Code => null;

    public string Description => "Each selected company maps to its own Business Central company: no two names share the same SQL table names.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Destination is not { } destination)
        {
            yield break;
        }

        foreach (var company in context.SelectedCompanies)
        {
            var name = company.Id;
            var sqlName = BcNaming.SqlSafe(name);
            var otherSelected = context.SelectedCompanies
                .Where(c => !ReferenceEquals(c, company) && string.Equals(BcNaming.SqlSafe(c.Id), sqlName, StringComparison.OrdinalIgnoreCase))
                .Select(c => c.Id).ToArray();
            var existing = destination.Companies.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
            var clashing = destination.Companies
                .Where(c => !string.Equals(c.Name, name, StringComparison.Ordinal) && string.Equals(c.SqlName, sqlName, StringComparison.OrdinalIgnoreCase))
                .Select(c => c.Name).ToArray();

            if (otherSelected.Length > 0)
            {
                yield return this.Result(CompatibilityStatus.Failed, company.Id, CompatibilityTargetType.Company,
                    $"Companies {name} and {string.Join(", ", otherSelected)} would share the Business Central tables '{sqlName}$...'.",
                    "Migrate only one of them, or rename one company id in Dynamics SL.", company.Id);
            }
            else if (clashing.Length > 0)
            {
                yield return this.Result(CompatibilityStatus.Failed, company.Id, CompatibilityTargetType.Company,
                    $"The destination company '{clashing[0]}' already uses the SQL table names of '{name}' ('{sqlName}$...').",
                    $"Delete or rename the destination company '{clashing[0]}', or leave {name} out with -Company.", company.Id);
            }
            else if (existing is not null)
            {
                yield return this.Result(CompatibilityStatus.Passed, company.Id, CompatibilityTargetType.Company,
                    $"The destination company '{name}' exists; replication replaces the data of its migration tables.", company: company.Id);
            }
            else
            {
                yield return this.Result(CompatibilityStatus.Passed, company.Id, CompatibilityTargetType.Company,
                    $"The destination has no company '{name}' yet; setup creates it.", company: company.Id);
            }
        }
    }
}
