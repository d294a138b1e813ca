using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

public sealed partial class DataFactoryService
{
    /// <summary>
    /// The embedded default: this machine becomes a node of the local factory's IR (registering its name again updates
    /// that node) and this process hosts it (<see cref="LocalNodeHosts"/>), as Register-CmIntegrationRuntimeNode would.
    /// </summary>
    public async Task<NodeRegistration> HostLocalNodeAsync(IDataFactory target, string runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var keys = await target.GetIntegrationRuntimeKeysAsync(runtime, cancellationToken).ConfigureAwait(false);
        var node = await RegisterNodeAsync(keys.AuthKey1, null, cancellationToken).ConfigureAwait(false);
        LocalNodeHosts.Start(store, node);
        return node;
    }

    /// <summary>
    /// For a process that resumes what an earlier one started (that one ended, or was killed): unless a live process hosts
    /// a node of the local factory's IR already (a run host heard from within <see cref="NodeLiveness.HostInterval"/> whose
    /// process has not ended), this process hosts this machine's node of it. Nothing for an Azure factory, an IR that does
    /// not exist, or one that has its 4 nodes. Returns whether this process hosts a node of the IR now.
    /// </summary>
    public async Task<bool> EnsureLocalNodeAsync(IDataFactory target, string runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind != DataFactoryKind.Local || await target.GetIntegrationRuntimeAsync(runtime, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        var now = store.Now;
        var live = store.Read(db => RunHostRows.LiveInstances(db, target.Name, runtime, now));
        if (live.Count > 0)
        {
            return live.Any(instance => LocalNodeHosts.HostsInstance(store, instance));
        }

        try
        {
            await HostLocalNodeAsync(target, runtime, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CmException ex) when (ex.ErrorId == ErrorIds.NodeLimitReached)
        {
            return false; // The IR has its 4 nodes already; they run the pipelines.
        }
    }
}
