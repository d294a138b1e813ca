using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>Integration runtimes, their keys and nodes in the store.</summary>
internal static class RuntimeRows
{
    /// <summary>One IR row.</summary>
    internal sealed record Row(string Factory, string Name, string Id, string Description, DateTimeOffset Created);

    public static Row? Find(StoreConnection db, string factory, string name) =>
        db.Query("SELECT factory, name, id, description, created FROM integration_runtimes WHERE factory = $f AND name = $n;", Map,
            ("$f", factory), ("$n", name)).FirstOrDefault();

    public static Row? FindById(StoreConnection db, string factory, string id) =>
        db.Query("SELECT factory, name, id, description, created FROM integration_runtimes WHERE factory = $f AND id = $id;", Map,
            ("$f", factory), ("$id", id)).FirstOrDefault();

    public static Row Require(StoreConnection db, string factory, string name) =>
        Find(db, factory, name) ?? throw new CmException(ErrorIds.IntegrationRuntimeNotFound, CmErrorCategory.ObjectNotFound,
            $"The data factory '{factory}' has no integration runtime '{name}'.",
            "List the factory's integration runtimes, or create this one first.", name);

    public static List<Row> List(StoreConnection db, string factory) =>
        db.Query("SELECT factory, name, id, description, created FROM integration_runtimes WHERE factory = $f ORDER BY name;", Map, ("$f", factory));

    public static IntegrationRuntimeInfo Info(StoreConnection db, Row row, DateTimeOffset now)
    {
        var nodes = Nodes(db, row.Factory, row.Name, now);
        return new IntegrationRuntimeInfo
        {
            Name = row.Name,
            Factory = row.Factory,
            Description = row.Description,
            CreateTime = row.Created,
            Nodes = nodes,
            State = NodeLiveness.StateOf(nodes.Count, nodes.Count(n => n.Status == NodeLiveness.Online)),
        };
    }

    public static List<IntegrationRuntimeNode> Nodes(StoreConnection db, string factory, string runtime, DateTimeOffset now) =>
        db.Query("SELECT node, machine, registered, last_contact, max_concurrent_jobs FROM ir_nodes WHERE factory = $f AND runtime = $r ORDER BY node;",
            r =>
            {
                var lastContact = StoreTime.FromMs(r.GetInt64(3));
                return new IntegrationRuntimeNode
                {
                    NodeName = r.GetString(0),
                    MachineName = r.GetString(1),
                    RegisterTime = StoreTime.FromMs(r.GetInt64(2)),
                    LastConnectTime = lastContact,
                    MaxConcurrentJobs = r.GetInt32(4),
                    Status = NodeLiveness.IsOnline(lastContact, now) ? NodeLiveness.Online : NodeLiveness.Offline,
                };
            },
            ("$f", factory), ("$r", runtime));

    /// <summary>Whether the IR exists and has at least one node heard from within the liveness interval.</summary>
    public static bool HasOnlineNode(StoreConnection db, string factory, string runtime, DateTimeOffset now) =>
        db.Count("SELECT count(*) FROM ir_nodes WHERE factory = $f AND runtime = $r AND last_contact >= $since;",
            ("$f", factory), ("$r", runtime), ("$since", StoreTime.ToMs(now - NodeLiveness.Interval))) > 0;

    public static void Insert(StoreConnection db, string factory, string name, string description, DateTimeOffset now, SecretProtector protector)
    {
        var id = Guid.NewGuid().ToString("D");
        db.Execute("INSERT INTO integration_runtimes (factory, name, id, description, created) VALUES ($f, $n, $id, $d, $t);",
            ("$f", factory), ("$n", name), ("$id", id), ("$d", description), ("$t", StoreTime.ToMs(now)));
        foreach (var keyName in new[] { IntegrationRuntimeAuthKey.AuthKey1, IntegrationRuntimeAuthKey.AuthKey2 })
        {
            db.Execute("INSERT INTO ir_keys (factory, runtime, key_name, secret, created) VALUES ($f, $r, $k, $s, $t);",
                ("$f", factory), ("$r", name), ("$k", keyName),
                ("$s", protector.Protect(IntegrationRuntimeAuthKey.Generate(id, factory), IntegrationRuntimeAuthKey.ContextOf(factory, name, keyName))),
                ("$t", StoreTime.ToMs(now)));
        }
    }

    public static void RegenerateKey(StoreConnection db, Row row, string keyName, DateTimeOffset now, SecretProtector protector) =>
        db.Execute("UPDATE ir_keys SET secret = $s, created = $t WHERE factory = $f AND runtime = $r AND key_name = $k;",
            ("$f", row.Factory), ("$r", row.Name), ("$k", keyName),
            ("$s", protector.Protect(IntegrationRuntimeAuthKey.Generate(row.Id, row.Factory), IntegrationRuntimeAuthKey.ContextOf(row.Factory, row.Name, keyName))),
            ("$t", StoreTime.ToMs(now)));

    /// <summary>The stored (encrypted) keys of an IR by key name.</summary>
    public static Dictionary<string, string> ProtectedKeys(StoreConnection db, Row row) =>
        db.Query("SELECT key_name, secret FROM ir_keys WHERE factory = $f AND runtime = $r;", r => (r.GetString(0), r.GetString(1)),
            ("$f", row.Factory), ("$r", row.Name)).ToDictionary(k => k.Item1, k => k.Item2, StringComparer.Ordinal);

    private static Row Map(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), StoreTime.FromMs(r.GetInt64(4)));
}
