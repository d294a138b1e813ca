using CloudMigration.Engine.Errors;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Factories;

/// <summary>Registered factories in the store, and their load.</summary>
internal static class FactoryRows
{
    public const string ActiveStatuses = "('Queued', 'InProgress', 'Canceling')";

    /// <summary>The factory's name as registered, or null.</summary>
    public static string? Find(StoreConnection db, string name) =>
        db.Scalar("SELECT name FROM factories WHERE name = $n;", ("$n", name)) as string;

    public static string Require(StoreConnection db, string name) =>
        Find(db, name) ?? throw NotFound(name);

    public static CmException NotFound(string name) =>
        new(ErrorIds.FactoryNotFound, CmErrorCategory.ObjectNotFound, $"No local data factory '{name}' is registered.",
            "List the registered factories, or register this one first.", name);

    public static List<string> Names(StoreConnection db) =>
        db.Query("SELECT name FROM factories ORDER BY name;", r => r.GetString(0));

    public static long ActiveRuns(StoreConnection db, string factory) =>
        db.Count($"SELECT count(*) FROM pipeline_runs WHERE factory = $f AND status IN {ActiveStatuses};", ("$f", factory));

    /// <summary>The factory and its load; Unhealthy with the error when its rows cannot be read.</summary>
    public static DataFactoryInfo Info(StoreConnection db, FactoryStore store, string name, DateTimeOffset now)
    {
        var registered = StoreTime.FromMs(db.Count("SELECT registered FROM factories WHERE name = $n;", ("$n", name)));
        try
        {
            var runtimes = RuntimeRows.List(db, name).Select(r => RuntimeRows.Info(db, r, now)).ToList();
            var verdict = FactoryHealthRule.Evaluate(runtimes);
            return new DataFactoryInfo
            {
                Name = name,
                Kind = DataFactoryKind.Local,
                Location = IntegrationRuntimeAuthKey.Location,
                ResourceId = store.Path,
                Registered = registered,
                IntegrationRuntimes = runtimes.Count,
                Nodes = runtimes.Sum(r => r.Nodes.Count),
                OnlineNodes = runtimes.Sum(r => r.Nodes.Count(n => n.Status == NodeLiveness.Online)),
                ActiveRuns = (int)ActiveRuns(db, name),
                Health = verdict.Health,
                HealthReason = verdict.Reason,
            };
        }
        catch (SqliteException ex)
        {
            var verdict = FactoryHealthRule.Unreadable(ex.Message);
            return new DataFactoryInfo
            {
                Name = name,
                Kind = DataFactoryKind.Local,
                Location = IntegrationRuntimeAuthKey.Location,
                ResourceId = store.Path,
                Registered = registered,
                Health = verdict.Health,
                HealthReason = verdict.Reason,
            };
        }
    }
}
