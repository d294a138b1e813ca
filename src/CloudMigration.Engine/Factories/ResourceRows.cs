using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories;

/// <summary>Linked services, datasets and pipelines in the store (ADF JSON, secrets encrypted).</summary>
internal static class ResourceRows
{
    /// <summary>One stored resource.</summary>
    internal sealed record Row(FactoryResourceKind Kind, string Name, JsonObject Definition);

    public static bool Exists(StoreConnection db, string factory, FactoryResourceKind kind, string name) =>
        db.Count("SELECT count(*) FROM resources WHERE factory = $f AND kind = $k AND name = $n;",
            ("$f", factory), ("$k", kind.ToString()), ("$n", name)) > 0;

    /// <summary>The stored JSON (secrets still encrypted), or null.</summary>
    public static Row? Get(StoreConnection db, string factory, FactoryResourceKind kind, string name) =>
        db.Query("SELECT name, definition FROM resources WHERE factory = $f AND kind = $k AND name = $n;",
            r => new Row(kind, r.GetString(0), Parse(r.GetString(1))), ("$f", factory), ("$k", kind.ToString()), ("$n", name)).FirstOrDefault();

    public static List<string> Names(StoreConnection db, string factory, FactoryResourceKind kind) =>
        db.Query("SELECT name FROM resources WHERE factory = $f AND kind = $k ORDER BY name;", r => r.GetString(0),
            ("$f", factory), ("$k", kind.ToString()));

    public static List<Row> All(StoreConnection db, string factory) =>
        db.Query("SELECT kind, name, definition FROM resources WHERE factory = $f ORDER BY kind, name;",
            r => new Row(Enum.Parse<FactoryResourceKind>(r.GetString(0)), r.GetString(1), Parse(r.GetString(2))), ("$f", factory));

    public static void Upsert(StoreConnection db, string factory, FactoryResourceKind kind, string name, JsonObject definition, DateTimeOffset now) =>
        db.Execute("""
            INSERT INTO resources (factory, kind, name, definition, updated) VALUES ($f, $k, $n, $d, $t)
            ON CONFLICT (factory, kind, name) DO UPDATE SET definition = excluded.definition, updated = excluded.updated;
            """,
            ("$f", factory), ("$k", kind.ToString()), ("$n", name), ("$d", definition.ToJsonString()), ("$t", StoreTime.ToMs(now)));

    public static void Delete(StoreConnection db, string factory, FactoryResourceKind kind, string name) =>
        db.Execute("DELETE FROM resources WHERE factory = $f AND kind = $k AND name = $n;", ("$f", factory), ("$k", kind.ToString()), ("$n", name));

    /// <summary>
    /// The integration runtimes a pipeline needs: those its linked services connect via, following the pipeline's
    /// references to linked services, datasets (to their linked services) and other pipelines. Sorted, distinct.
    /// </summary>
    public static List<string> RuntimesOf(StoreConnection db, string factory, string pipeline)
    {
        var runtimes = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<(FactoryResourceKind, string)>();
        var pending = new Queue<(FactoryResourceKind Kind, string Name)>();
        pending.Enqueue((FactoryResourceKind.Pipeline, pipeline));
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add((next.Kind, next.Name.ToUpperInvariant())) || Get(db, factory, next.Kind, next.Name) is not { } row)
            {
                continue;
            }

            foreach (var reference in ResourceReferences.Find(row.Definition))
            {
                switch (reference.Type.ToUpperInvariant())
                {
                    case "INTEGRATIONRUNTIMEREFERENCE":
                        runtimes.Add(reference.Name);
                        break;
                    case "LINKEDSERVICEREFERENCE":
                        pending.Enqueue((FactoryResourceKind.LinkedService, reference.Name));
                        break;
                    case "DATASETREFERENCE":
                        pending.Enqueue((FactoryResourceKind.Dataset, reference.Name));
                        break;
                    case "PIPELINEREFERENCE":
                        pending.Enqueue((FactoryResourceKind.Pipeline, reference.Name));
                        break;
                }
            }
        }

        return [.. runtimes];
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? [];
}
