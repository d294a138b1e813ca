using System.Globalization;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// Delta replication reads SQL Server change tracking: it must be on for each application database and
/// each mapped table (Microsoft's code 50020), with a retention long enough that a run is never missed.
/// A table whose retention lapsed is copied in full again.
/// </summary>
public sealed class ChangeTrackingRule : ICompatibilityRule
{
    public string Check => "ChangeTracking";

    public int? Code => 50020;

    public string Description => "Change tracking is on for every application database (retention of 2 days or more) and every mapped table.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        if (!source.Server.IsSqlServer)
        {
            // SQLite's stand-in is the change log setup installs (Replication/SqliteChangeLog): Passed where it is there,
            // NotApplicable before (nothing to fix: setup installs it). A mapped table it does not track is copied in full.
            var logged = source.ApplicationDatabases.Values.Where(d => d.ChangeTracking == true).OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToList();
            if (logged.Count == 0)
            {
                yield return this.NotApplicable(context.SourceTarget, CompatibilityTargetType.Source,
                    "SQLite has no change tracking of its own; setup installs a change log (triggers) in each application database, and until then every replication run copies the tables in full.");
                yield break;
            }

            foreach (var database in logged)
            {
                var mapped = context.Catalog.Tables.Select(t => database.Table(t.Name)).OfType<Facts.TableFacts>().ToList();
                var tracked = mapped.Count(t => t.ChangeTracked == true);
                yield return this.Result(CompatibilityStatus.Passed, database.Name, CompatibilityTargetType.Database,
                    $"The change log of '{database.Name}' tracks {tracked} of its {mapped.Count} mapped tables" +
                    (tracked < mapped.Count ? "; the others (without a primary key, or not planned) are copied in full." : "."));
            }

            yield break;
        }

        foreach (var database in source.ApplicationDatabases.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
        {
            var quoted = SourceDatabases.Quote(database.Name);
            if (database.ChangeTracking != true)
            {
                yield return this.Result(CompatibilityStatus.Failed, database.Name, CompatibilityTargetType.Database,
                    $"Change tracking is off for '{database.Name}', so delta replication runs fail (50020).",
                    $"ALTER DATABASE {quoted} SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 3 DAYS, AUTO_CLEANUP = ON);");
                continue;
            }

            var retention = database.Retention;
            var described = $"{database.RetentionPeriod?.ToString(CultureInfo.InvariantCulture) ?? "?"} {database.RetentionUnits ?? string.Empty}".Trim();
            if (retention is { } span && span < CompatibilityLimits.MinimumRetention)
            {
                yield return this.Result(CompatibilityStatus.Warning, database.Name, CompatibilityTargetType.Database,
                    $"Change tracking on '{database.Name}' keeps changes for {described} only; a replication run later than that copies every table in full.",
                    $"ALTER DATABASE {quoted} SET CHANGE_TRACKING (CHANGE_RETENTION = 3 DAYS, AUTO_CLEANUP = ON);");
            }
            else
            {
                yield return this.Result(CompatibilityStatus.Passed, database.Name, CompatibilityTargetType.Database,
                    $"Change tracking is on for '{database.Name}' with a retention of {described}" + (database.AutoCleanup == false ? " (auto cleanup off)." : "."));
            }

            foreach (var table in context.Catalog.Tables)
            {
                if (database.Table(table.Name) is not { } facts)
                {
                    continue; // a missing table is the SourceTable check's finding
                }

                var target = database.Name + "/" + table.Name;
                yield return facts.ChangeTracked == true
                    ? this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Table, $"Change tracking is on for {table.Name}.")
                    : this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Table,
                        $"Change tracking is off for {table.Name} in '{database.Name}'; delta runs cannot read its changes (50020).",
                        $"USE {quoted}; ALTER TABLE [dbo].{SourceDatabases.Quote(table.Name)} ENABLE CHANGE_TRACKING;");
            }
        }
    }
}
