namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>Dynamics SL 2015 (system database major version 9) or later; 8 is SL 2011, 10 is SL 2018.</summary>
public sealed class DynamicsSLVersionRule : ICompatibilityRule
{
    public string Check => "DynamicsSLVersion";

    public int? Code => null;

    public string Description => "The Dynamics SL system database is SL 2015 (major version 9) or later.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        var target = source.SystemDatabase.Name;
        if (source.SlMajorVersion is not { } major)
        {
            yield return this.Result(CompatibilityStatus.Warning, target, CompatibilityTargetType.Database,
                source.SlVersionText is null
                    ? $"'{target}' has no getVersion procedure, so the Dynamics SL version is unknown."
                    : $"The Dynamics SL version could not be read from getVersion ({source.SlVersionText}).",
                "Check in Dynamics SL (Help > About) that the system database is SL 2015 or later.");
        }
        else if (major < CompatibilityLimits.MinimumSlMajorVersion)
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Database,
                $"Dynamics SL major version {major} ({Name(major)}) is older than SL 2015 (9).",
                "Upgrade Dynamics SL to SL 2015 or later before migrating.");
        }
        else
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Database, $"Dynamics SL major version {major} ({Name(major)}).");
        }
    }

    private static string Name(int major) => major switch
    {
        8 => "SL 2011",
        9 => "SL 2015",
        10 => "SL 2018",
        < 8 => "older than SL 2011",
        _ => "newer than SL 2018",
    };
}
