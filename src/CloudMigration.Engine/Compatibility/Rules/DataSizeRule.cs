using System.Globalization;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// The selected companies' data must fit the tenant: warn at 50 GB, fail above the storage capacity
/// (80 GB by default, plus the per-user allowance of the tenant's licenses: -StorageCapacityGB).
/// </summary>
public sealed class DataSizeRule : ICompatibilityRule
{
    public string Check => "DataSize";

    public int? Code => null;

    public string Description => "The selected companies total under 50 GB (warning from 50 GB) and fit the tenant's storage capacity (80 GB by default).";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is null)
        {
            yield break;
        }

        var (bytes, tablesOnly) = SelectionSize.Of(context);
        var gb = bytes / (double)CompatibilityLimits.BytesPerGB;
        var capacity = context.Options.StorageCapacityGB;
        var size = SelectionSize.Format(bytes) + (tablesOnly ? " in the mapped tables" : " in the application databases");
        var target = Target(context);
        if (gb > capacity)
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Selection,
                $"The selected companies hold {size}, more than the tenant's storage capacity of {capacity.ToString("0.#", CultureInfo.InvariantCulture)} GB.",
                "Migrate fewer companies (-Company), clean up history in Dynamics SL first, or raise the tenant capacity (more licenses or additional capacity) and pass it as -StorageCapacityGB.");
        }
        else if (gb >= CompatibilityLimits.SizeWarningGB)
        {
            yield return this.Result(CompatibilityStatus.Warning, target, CompatibilityTargetType.Selection,
                $"The selected companies hold {size}; from {CompatibilityLimits.SizeWarningGB} GB on, replication takes long and the tenant may run short of space.",
                "Consider migrating the companies in batches (-Company) and cleaning up history in Dynamics SL first.");
        }
        else
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Selection, $"The selected companies hold {size}.");
        }
    }

    internal static string Target(CompatibilityContext context) =>
        context.SelectedCompanies.Count.ToString(CultureInfo.InvariantCulture) + " selected " + (context.SelectedCompanies.Count == 1 ? "company" : "companies");
}
