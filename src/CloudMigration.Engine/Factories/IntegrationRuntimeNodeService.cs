using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// Registers this machine as a node of a local self-hosted integration runtime with an authentication key (what
/// <c>dmgcmd -RegisterNewNode</c> does for ADF), keeps nodes alive with heartbeats, and removes them.
/// The key names its factory and IR; it must be one of the IR's two current keys (compared in constant time).
/// An IR takes at most <see cref="MaxNodesPerRuntime"/> nodes, as in ADF.
/// </summary>
public sealed partial class IntegrationRuntimeNodeService
{
    /// <summary>ADF's limit of nodes per self-hosted integration runtime.</summary>
    public const int MaxNodesPerRuntime = 4;

    /// <summary>How many runs a node executes at once unless told otherwise.</summary>
    public const int DefaultMaxConcurrentJobs = 4;

    public IntegrationRuntimeNodeService(FactoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
    }

    public FactoryStore Store { get; }

    /// <summary>
    /// Registers (or re-registers: idempotent by node name) a node with the IR the key belongs to.
    /// <c>AuthKeyInvalid</c> for a malformed, wrong, regenerated or foreign key (the message never contains the key),
    /// <c>NodeLimitReached</c> when the IR has 4 other nodes.
    /// </summary>
    /// <param name="authKey">authKey1 or authKey2 of the IR.</param>
    /// <param name="nodeName">The node's name; this machine's name when null.</param>
    /// <param name="maxConcurrentJobs">How many runs the node executes at once (at least 1).</param>
    /// <param name="cancellationToken">Cancels before the store is written.</param>
    public Task<NodeRegistration> RegisterAsync(SecureString authKey, string? nodeName = null, int maxConcurrentJobs = DefaultMaxConcurrentJobs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentJobs, 1);
        var machine = Environment.MachineName;
        var node = nodeName ?? machine;
        if (!NodeNamePattern().IsMatch(node))
        {
            throw new CmException(ErrorIds.NodeNameInvalid, CmErrorCategory.InvalidArgument,
                $"'{node}' is not a valid node name: use a letter or digit first, then letters, digits, '.', '-' or '_', at most 150 characters.",
                "Give the node a name such as the machine's name.", node);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var given = SecureStrings.ToUtf8(authKey);
        try
        {
            if (!TryParse(given, out var runtimeId, out var factoryName))
            {
                throw InvalidKey("It does not have the shape of an integration runtime key (five parts separated by '@', starting with 'IR').");
            }

            return Task.FromResult(Store.Write(db =>
            {
                var factory = FactoryRows.Find(db, factoryName);
                var runtime = factory is null ? null : RuntimeRows.FindById(db, factory, runtimeId);
                if (runtime is null || !MatchesCurrentKey(db, runtime, given))
                {
                    throw InvalidKey("It is not a current key of an integration runtime in this store: it may have been regenerated, belong to another factory or store, or be mistyped.");
                }

                var now = Store.Now;
                var others = db.Count("SELECT count(*) FROM ir_nodes WHERE factory = $f AND runtime = $r AND node <> $n;",
                    ("$f", runtime.Factory), ("$r", runtime.Name), ("$n", node));
                var existing = RuntimeRows.Nodes(db, runtime.Factory, runtime.Name, now)
                    .FirstOrDefault(n => string.Equals(n.NodeName, node, StringComparison.OrdinalIgnoreCase));
                if (existing is null && others >= MaxNodesPerRuntime)
                {
                    throw new CmException(ErrorIds.NodeLimitReached, CmErrorCategory.InvalidOperation,
                        $"The integration runtime '{runtime.Name}' of the data factory '{runtime.Factory}' already has {others} nodes, the most Azure Data Factory allows.",
                        "Register the node under the name of one that is no longer used (re-registering a name replaces it), or create another integration runtime with New-CmIntegrationRuntime.", node);
                }

                db.Execute("""
                    INSERT INTO ir_nodes (factory, runtime, node, machine, registered, last_contact, max_concurrent_jobs)
                    VALUES ($f, $r, $n, $m, $t, $t, $j)
                    ON CONFLICT (factory, runtime, node) DO UPDATE SET machine = excluded.machine, last_contact = excluded.last_contact,
                        max_concurrent_jobs = excluded.max_concurrent_jobs;
                    """,
                    ("$f", runtime.Factory), ("$r", runtime.Name), ("$n", existing?.NodeName ?? node), ("$m", machine), ("$t", StoreTime.ToMs(now)),
                    ("$j", maxConcurrentJobs));
                return new NodeRegistration
                {
                    Factory = runtime.Factory,
                    IntegrationRuntime = runtime.Name,
                    NodeName = existing?.NodeName ?? node,
                    MachineName = machine,
                    MaxConcurrentJobs = maxConcurrentJobs,
                    RegisterTime = existing?.RegisterTime ?? DateTimeOffset.FromUnixTimeMilliseconds(StoreTime.ToMs(now)), // as the store keeps it: whole milliseconds
                };
            }));
        }
        finally
        {
            SecureStrings.Clear(given);
        }
    }

    /// <summary>A registered node by name (for a node process that registered earlier), or null.</summary>
    public Task<NodeRegistration?> FindAsync(string factory, string integrationRuntime, string nodeName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Read(db =>
            db.Query("SELECT factory, runtime, node, machine, max_concurrent_jobs, registered FROM ir_nodes WHERE factory = $f AND runtime = $r AND node = $n;",
                r => new NodeRegistration
                {
                    Factory = r.GetString(0),
                    IntegrationRuntime = r.GetString(1),
                    NodeName = r.GetString(2),
                    MachineName = r.GetString(3),
                    MaxConcurrentJobs = r.GetInt32(4),
                    RegisterTime = StoreTime.FromMs(r.GetInt64(5)),
                },
                ("$f", factory), ("$r", integrationRuntime), ("$n", nodeName)).FirstOrDefault()));
    }

    /// <summary>Records that the node is alive now; <c>IntegrationRuntimeNotFound</c> when the node (or its IR) was removed.</summary>
    public Task HeartbeatAsync(NodeRegistration node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        cancellationToken.ThrowIfCancellationRequested();
        Store.Write(db => Heartbeat(db, node, Store.Now));
        return Task.CompletedTask;
    }

    /// <summary><see cref="HeartbeatAsync"/> inside a write transaction of the caller's.</summary>
    internal static void Heartbeat(StoreConnection db, NodeRegistration node, DateTimeOffset now)
    {
        var changed = db.Execute("UPDATE ir_nodes SET last_contact = $t WHERE factory = $f AND runtime = $r AND node = $n;",
            ("$t", StoreTime.ToMs(now)), ("$f", node.Factory), ("$r", node.IntegrationRuntime), ("$n", node.NodeName));
        if (changed == 0)
        {
            throw new CmException(ErrorIds.IntegrationRuntimeNotFound, CmErrorCategory.ObjectNotFound,
                $"The node '{node.NodeName}' is no longer registered with the integration runtime '{node.IntegrationRuntime}' of the data factory '{node.Factory}'.",
                "Register the node again with a current authentication key.", node.NodeName);
        }
    }

    /// <summary>Removes a node from its IR (ADF: delete node); a missing one is not an error.</summary>
    public Task RemoveAsync(string factory, string integrationRuntime, string nodeName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Store.Write(db => db.Execute("DELETE FROM ir_nodes WHERE factory = $f AND runtime = $r AND node = $n;",
            ("$f", factory), ("$r", integrationRuntime), ("$n", nodeName)));
        return Task.CompletedTask;
    }

    private bool MatchesCurrentKey(StoreConnection db, RuntimeRows.Row runtime, byte[] given)
    {
        var match = false;
        foreach (var (keyName, stored) in RuntimeRows.ProtectedKeys(db, runtime))
        {
            var current = Store.Protector.UnprotectBytes(stored, IntegrationRuntimeAuthKey.ContextOf(runtime.Factory, runtime.Name, keyName));
            try
            {
                // Both keys are always compared, each in constant time.
                match |= CryptographicOperations.FixedTimeEquals(current, given);
            }
            finally
            {
                SecureStrings.Clear(current);
            }
        }

        return match;
    }

    private static bool TryParse(byte[] key, out string runtimeId, out string factory)
    {
        var chars = new char[Encoding.UTF8.GetCharCount(key)];
        try
        {
            Encoding.UTF8.GetChars(key, chars);
            return IntegrationRuntimeAuthKey.TryParse(chars, out runtimeId, out factory);
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    private CmException InvalidKey(string why) =>
        new(ErrorIds.AuthKeyInvalid, CmErrorCategory.AuthenticationError,
            $"The authentication key was refused by the factory store '{Store.Path}'. {why}",
            "Copy a current key of the integration runtime again (Get the IR's keys), and register the node with it.", null);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,149}$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeNamePattern();
}
