using System.Globalization;
using System.Text.Json;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// The company list travels through one ADF Lookup, which returns at most 5,000 rows and 4 MB: beyond that
/// setup cannot work. Microsoft's setup asks to confirm from 300 selected companies on (and suggests
/// batches of up to 250), so 300 or more warns.
/// </summary>
public sealed class CompanyCountRule : ICompatibilityRule
{
    public string Check => "CompanyCount";

    public int? Code => null;

    public string Description => "At least one and fewer than 300 companies are selected (warning from 300); the list fits one ADF Lookup (5,000 rows, 4 MB).";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is null)
        {
            yield break;
        }

        var count = context.SelectedCompanies.Count;
        var bytes = LookupBytes(context);
        var target = DataSizeRule.Target(context);
        if (count == 0)
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Selection,
                "No company is selected: the source has no active company, or -Company matched none.",
                "Run Get-CmCompany -IncludeInactive to see the companies, and name the ones to migrate with -Company.");
        }
        else if (count > CompatibilityLimits.LookupMaximumRows || bytes > CompatibilityLimits.LookupMaximumBytes)
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Selection,
                $"{count} companies ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes as a Lookup result) exceed what one ADF Lookup returns (5,000 rows, 4 MB).",
                "Migrate the companies in batches of up to 250 (-Company).");
        }
        else if (count >= CompatibilityLimits.CompanyCountWarning)
        {
            yield return this.Result(CompatibilityStatus.Warning, target, CompatibilityTargetType.Selection,
                $"{count} companies are selected; from {CompatibilityLimits.CompanyCountWarning} on, setup and replication take long and Microsoft asks to confirm.",
                "Consider migrating the companies in batches of up to 250 (-Company).");
        }
        else
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Selection, $"{count} {(count == 1 ? "company" : "companies")} selected.");
        }
    }

    /// <summary>The size of the company list as a Lookup returns it: one JSON object per company.</summary>
    internal static long LookupBytes(CompatibilityContext context) =>
        context.SelectedCompanies.Sum(c => (long)JsonSerializer.SerializeToUtf8Bytes(new { CpnyID = c.RawId, CpnyName = c.RawName, DatabaseName = c.ApplicationDatabase }).Length + 1);
}
