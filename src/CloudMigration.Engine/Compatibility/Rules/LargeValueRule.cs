using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// A single value over about 20 MB fails the copy from a SQL Server source. Only large-value columns
/// (text, ntext, image, xml, (max) types) can hold one; a standard SL database has none in the mapped tables.
/// </summary>
public sealed class LargeValueRule : ICompatibilityRule
{
    public string Check => "LargeValues";

    public int? Code => null;

    public string Description => "No single value in a mapped table of a SQL Server source is over 20 MB.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        if (!source.Server.IsSqlServer)
        {
            yield return this.NotApplicable(context.SourceTarget, CompatibilityTargetType.Source, "The 20 MB value limit applies to SQL Server sources; SQLite values are copied by the local engine.");
            yield break;
        }

        foreach (var database in source.ApplicationDatabases.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
        {
            var largeColumns = 0;
            var failed = false;
            foreach (var table in database.Tables.Values.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var column in table.Schema.Columns.Where(c => SqlType.Parse(c.SqlType).IsLargeValue))
                {
                    largeColumns++;
                    if (table.LargestValues.TryGetValue(column.Name, out var bytes) && bytes > CompatibilityLimits.LargeValueBytes)
                    {
                        failed = true;
                        yield return this.Result(CompatibilityStatus.Failed, $"{database.Name}/{table.Name}.{column.Name}", CompatibilityTargetType.Column,
                            $"{table.Name}.{column.Name} in '{database.Name}' holds a value of {SelectionSize.Format(bytes)}; values over 20 MB fail to copy.",
                            $"Find the rows with SELECT * FROM [dbo].{SourceDatabases.Quote(table.Name)} WHERE DATALENGTH({SourceDatabases.Quote(column.Name)}) > {CompatibilityLimits.LargeValueBytes}; and shorten or remove those values.");
                    }
                }
            }

            if (!failed)
            {
                yield return this.Result(CompatibilityStatus.Passed, database.Name, CompatibilityTargetType.Database,
                    largeColumns == 0 ? "No mapped table has a large-value column." : $"No value of the {largeColumns} large-value column(s) is over 20 MB.");
            }
        }
    }
}
