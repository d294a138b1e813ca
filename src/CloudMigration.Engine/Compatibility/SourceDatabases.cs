using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Compatibility;

/// <summary>The source databases a per-database rule looks at: the system database, then each application database read.</summary>
internal static class SourceDatabases
{
    public static IEnumerable<DatabaseFacts> All(SourceFacts source) =>
        source.ApplicationDatabases.Values
            .Where(d => !string.Equals(d.Name, source.SystemDatabase.Name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Prepend(source.SystemDatabase);

    /// <summary>T-SQL text for a database name: [name] with ] doubled.</summary>
    public static string Quote(string name) => Sql.SqlServerDialect.Instance.QuoteIdentifier(name);
}
