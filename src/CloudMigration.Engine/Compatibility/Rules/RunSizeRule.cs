namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>Microsoft recommends under 30 GB per replication run: more than that suggests migrating in batches.</summary>
public sealed class RunSizeRule : ICompatibilityRule
{
    public string Check => "RunSize";

    public int? Code => null;

    public string Description => "One replication run carries under 30 GB (Microsoft's recommendation); more warns to migrate in batches.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is null)
        {
            yield break;
        }

        var (bytes, _) = SelectionSize.Of(context);
        var gb = bytes / (double)CompatibilityLimits.BytesPerGB;
        var target = DataSizeRule.Target(context);
        if (gb > CompatibilityLimits.RunSizeGB)
        {
            var batches = (int)Math.Ceiling(gb / CompatibilityLimits.RunSizeGB);
            yield return this.Result(CompatibilityStatus.Warning, target, CompatibilityTargetType.Selection,
                $"{SelectionSize.Format(bytes)} in one run is more than the recommended {CompatibilityLimits.RunSizeGB} GB per run.",
                $"Split the companies into about {batches} runs of under {CompatibilityLimits.RunSizeGB} GB each (-Company).");
        }
        else
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Selection,
                $"{SelectionSize.Format(bytes)} fits one run (under {CompatibilityLimits.RunSizeGB} GB).");
        }
    }
}
