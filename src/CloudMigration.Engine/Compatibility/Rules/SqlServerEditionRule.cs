namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>Developer edition is licensed for test only: fine for a restored backup, not for a live production source.</summary>
public sealed class SqlServerEditionRule : ICompatibilityRule
{
    public string Check => "SqlServerEdition";

    public int? Code => null;

    public string Description => "The source edition suits a live source (Developer edition warns: it is for restored copies only).";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        var server = source.Server;
        var target = context.SourceTarget;
        if (!server.IsSqlServer)
        {
            yield return this.NotApplicable(target, CompatibilityTargetType.Source, "The source is SQLite, which has no editions.");
        }
        else if (server.IsDeveloperEdition)
        {
            yield return this.Result(CompatibilityStatus.Warning, target, CompatibilityTargetType.Source,
                $"The source runs {server.Edition}, which is licensed for development and test only.",
                "Fine for a restored copy of the SL databases. For a live production source, migrate from a licensed edition (Standard or Enterprise).");
        }
        else
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Source, server.Edition ?? "The server did not report its edition.");
        }
    }
}
