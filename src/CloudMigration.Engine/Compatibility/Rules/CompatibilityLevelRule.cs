namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// Every source database needs compatibility level 130 or higher (Microsoft's code 50001). A lower level
/// surfaces late as "Invalid length parameter passed to the LEFT or SUBSTRING function".
/// </summary>
public sealed class CompatibilityLevelRule : ICompatibilityRule
{
    public string Check => "CompatibilityLevel";

    public int? Code => 50001;

    public string Description => "Every source database has compatibility level 130 or higher.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        if (!source.Server.IsSqlServer)
        {
            yield return this.NotApplicable(context.SourceTarget, CompatibilityTargetType.Source, "SQLite databases have no compatibility level; the check applies to SQL Server sources.");
            yield break;
        }

        foreach (var database in SourceDatabases.All(source))
        {
            if (database.CompatibilityLevel is not { } level)
            {
                yield return this.Result(CompatibilityStatus.Warning, database.Name, CompatibilityTargetType.Database,
                    $"The compatibility level of '{database.Name}' could not be read.",
                    $"Run SELECT compatibility_level FROM sys.databases WHERE name = N'{database.Name.Replace("'", "''", StringComparison.Ordinal)}'; it must be 130 or higher.");
            }
            else if (level < CompatibilityLimits.MinimumCompatibilityLevel)
            {
                yield return this.Result(CompatibilityStatus.Failed, database.Name, CompatibilityTargetType.Database,
                    $"'{database.Name}' has compatibility level {level}; cloud migration needs {CompatibilityLimits.MinimumCompatibilityLevel} or higher.",
                    $"ALTER DATABASE {SourceDatabases.Quote(database.Name)} SET COMPATIBILITY_LEVEL = {CompatibilityLimits.MinimumCompatibilityLevel};");
            }
            else
            {
                yield return this.Result(CompatibilityStatus.Passed, database.Name, CompatibilityTargetType.Database, $"Compatibility level {level}.");
            }
        }
    }
}
