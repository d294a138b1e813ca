namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// Business Central online compares text case-insensitively. Keys that differ only in case on a
/// case-sensitive source collide in the destination, so a case-sensitive source database warns.
/// </summary>
public sealed class CollationRule : ICompatibilityRule
{
    public string Check => "Collation";

    public int? Code => null;

    public string Description => "Source databases use a case-insensitive collation, like Business Central online.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        if (!source.Server.IsSqlServer)
        {
            yield return this.NotApplicable(context.SourceTarget, CompatibilityTargetType.Source, "SQLite compares with BINARY unless a column says otherwise; the check applies to SQL Server sources.");
            yield break;
        }

        foreach (var database in SourceDatabases.All(source))
        {
            var collation = database.Collation;
            if (collation is null)
            {
                yield return this.NotApplicable(database.Name, CompatibilityTargetType.Database, "The collation could not be read.");
            }
            else if (collation.Contains("_CS", StringComparison.OrdinalIgnoreCase) || collation.Contains("_BIN", StringComparison.OrdinalIgnoreCase))
            {
                yield return this.Result(CompatibilityStatus.Warning, database.Name, CompatibilityTargetType.Database,
                    $"'{database.Name}' uses the case-sensitive collation {collation}; keys that differ only in case would collide in Business Central.",
                    "Check the key columns of the mapped tables for values that differ only in case before replicating.");
            }
            else
            {
                yield return this.Result(CompatibilityStatus.Passed, database.Name, CompatibilityTargetType.Database, $"Collation {collation}.");
            }
        }
    }
}
