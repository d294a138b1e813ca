using CloudMigration.Engine.Products.BusinessCentral;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// Every mapped table of every selected company must line up with its Business Central staging table:
/// equal primary key, and for each source column (tstamp aside) a destination column of a compatible
/// type and sufficient length. Failures use Microsoft's code 50011 and its <c>[column]PK,T,L</c> detail.
/// </summary>
public sealed class SchemaAlignmentRule : ICompatibilityRule
{
    public string Check => "SchemaAlignment";

    public int? Code => 50011;

    public string Description => "Each mapped table of each selected company matches its staging table: same primary key; every source column has a destination column of a compatible type and length ([column]PK,T,L); tstamp ignored.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source || context.Destination is not { } destination)
        {
            yield break;
        }

        var appId = context.Catalog.App.Id;
        foreach (var company in context.SelectedCompanies)
        {
            if (source.ApplicationDatabase(company.ApplicationDatabase) is not { } database)
            {
                continue;
            }

            if (!destination.Companies.Any(c => string.Equals(c.Name, company.Id, StringComparison.Ordinal)))
            {
                yield return this.NotApplicable(company.Id, CompatibilityTargetType.Company,
                    $"The destination has no company '{company.Id}' yet; setup creates it with the extension's staging tables.");
                continue;
            }

            foreach (var table in context.Catalog.Tables)
            {
                if (database.Table(table.Name) is not { } sourceTable)
                {
                    continue; // SourceTable reports it (50004)
                }

                var stagingName = BcNaming.CompanyTable(company.Id, table.BcTable, appId);
                var target = company.Id + "/" + table.Name;
                if (destination.Database.Table(stagingName) is not { } stagingTable)
                {
                    yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Table,
                        $"The staging table '{stagingName}' for {table.Name} does not exist in the destination (50011).",
                        $"Reinstall '{context.Catalog.App.Name}' so that it creates its tables for company {company.Id}, or leave {table.Name} out of the table plan.", company.Id);
                    continue;
                }

                var mismatches = ColumnAlignment.Compare(sourceTable.Schema, stagingTable.Schema);
                if (mismatches.Count == 0)
                {
                    yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Table,
                        $"{table.Name} matches '{table.BcTable}'.", company: company.Id);
                    continue;
                }

                var detail = string.Join("; ", mismatches.Select(m => m + Types(m)));
                yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Table,
                    $"{table.Name} does not match '{table.BcTable}' (50011): {detail}",
                    "The SL table was customized or the extension version differs: restore the standard SL column definitions, " +
                    $"update '{context.Catalog.App.Name}', or leave {table.Name} out of the table plan.", company.Id);
            }
        }
    }

    private static string Types(ColumnAlignment.Mismatch m) => m.Flags.Any(f => f is "T" or "L")
        ? $" ({m.SourceType ?? "none"} -> {m.DestinationType ?? "none"})"
        : string.Empty;
}
