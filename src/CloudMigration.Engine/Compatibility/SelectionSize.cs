using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Compatibility;

/// <summary>
/// The data the selected companies bring: per application database, the reserved size of the mapped
/// tables where the provider reports table sizes (SQL Server), else the size of the database file (SQLite).
/// An application database shared by several companies counts once, whole: an upper bound.
/// </summary>
internal static class SelectionSize
{
    public static (long Bytes, bool TablesOnly) Of(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            return (0, true);
        }

        long total = 0;
        var tablesOnly = true;
        foreach (var name in context.SelectedApplicationDatabases)
        {
            if (source.ApplicationDatabase(name) is not { } database)
            {
                continue;
            }

            var mapped = context.Catalog.Tables.Select(t => database.Table(t.Name)).OfType<TableFacts>().ToArray();
            if (mapped.Length > 0 && mapped.All(t => t.SizeBytes is not null))
            {
                total += mapped.Sum(t => t.SizeBytes!.Value);
            }
            else
            {
                total += database.SizeBytes ?? 0;
                tablesOnly = false;
            }
        }

        return (total, tablesOnly);
    }

    public static string Format(long bytes) => bytes >= CompatibilityLimits.BytesPerGB
        ? (bytes / (double)CompatibilityLimits.BytesPerGB).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GB"
        : (bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
