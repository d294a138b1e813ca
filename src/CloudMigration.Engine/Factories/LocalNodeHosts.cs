using System.Collections.Concurrent;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The run hosts of the nodes registered by this process. The local node is the process that registered it:
/// it heartbeats and runs the pipeline activities of its IR for as long as the process (the PowerShell
/// session, the runbook job) lives, or until the node is stopped. One host per store and node.
/// </summary>
public static class LocalNodeHosts
{
    private static readonly ConcurrentDictionary<string, LocalRunHost> Hosts = new(StringComparer.Ordinal);

    /// <summary>Starts (or returns the running) host of <paramref name="node"/>, executing runs with the project's PipelineRunner.</summary>
    public static LocalRunHost Start(FactoryStore store, NodeRegistration node)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(node);
        // A host whose loop ended (its IR was removed, or its factory unregistered) is replaced: the node registered again.
        var host = Hosts.AddOrUpdate(Key(store, node),
            _ => new LocalRunHost(store, node, new PipelineRunner()),
            (_, existing) => existing.Completion.IsCompleted ? new LocalRunHost(store, node, new PipelineRunner()) : existing);
        host.Start();
        return host;
    }

    /// <summary>Whether this process hosts the node.</summary>
    public static bool IsHosted(FactoryStore store, NodeRegistration node) =>
        Hosts.TryGetValue(Key(store, node), out var host) && !host.Completion.IsCompleted;

    /// <summary>Whether this process runs the host instance (<see cref="LocalRunHost.InstanceId"/>) for <paramref name="store"/>.</summary>
    public static bool HostsInstance(FactoryStore store, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var prefix = Prefix(store);
        return Hosts.Any(h => h.Key.StartsWith(prefix, StringComparison.Ordinal) && h.Value.InstanceId == instanceId && !h.Value.Completion.IsCompleted);
    }

    /// <summary>Stops the node's host in this process (runs it is executing are recorded Failed).</summary>
    public static async Task StopAsync(FactoryStore store, NodeRegistration node)
    {
        if (Hosts.TryRemove(Key(store, node), out var host))
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Wakes the hosts this process runs for <paramref name="store"/>, so they look for queued runs now.</summary>
    public static void Wake(FactoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var prefix = Prefix(store);
        foreach (var (key, host) in Hosts)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                host.Wake();
            }
        }
    }

    /// <summary>Stops every node host this process runs for <paramref name="store"/>.</summary>
    public static async Task StopAllAsync(FactoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var prefix = Prefix(store);
        foreach (var key in Hosts.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            if (Hosts.TryRemove(key, out var host))
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Key(FactoryStore store, NodeRegistration node) => Prefix(store) + node;

    private static string Prefix(FactoryStore store) => store.Path + "\u001f";
}
