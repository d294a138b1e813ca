using System.Collections.Concurrent;
using System.Security;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.ArmEmulator;

/// <summary>
/// Self-hosted IR nodes hosted inside the emulator process: registered with an IR's key (as dmgcmd -RegisterNewNode
/// would), each with a <see cref="LocalRunHost"/> that runs the pipeline runs of its factory with the engine's runner.
/// </summary>
internal sealed class EmulatorNodes(FactoryStore store, TimeSpan pollInterval) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalRunHost> hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<NodeRegistration> RegisterAsync(SecureString authKey, string? nodeName, CancellationToken cancellationToken)
    {
        var node = await new IntegrationRuntimeNodeService(store).RegisterAsync(authKey, nodeName, IntegrationRuntimeNodeService.DefaultMaxConcurrentJobs, cancellationToken);
        var key = node.ToString();
        if (hosts.TryGetValue(key, out var existing) && !existing.Completion.IsCompleted)
        {
            return node;
        }

        var host = new LocalRunHost(store, node, new PipelineRunner(), new LocalRunHostOptions { PollInterval = pollInterval });
        hosts[key] = host;
        host.Start();
        return node;
    }

    /// <summary>Stops every node's host (runs they are executing are recorded Failed, as when a node machine stops).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts.Values)
        {
            await host.DisposeAsync();
        }

        hosts.Clear();
    }
}
