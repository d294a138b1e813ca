using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

public sealed partial class LocalDataFactory
{
    /// <summary>
    /// Queues a run of an existing pipeline (<c>ResourceNotFound</c> otherwise) with its parameter values; a node's
    /// <see cref="LocalRunHost"/> runs it. Not idempotent: pass a request id as a parameter and look for it first.
    /// </summary>
    public Task<string> CreateRunAsync(string pipelineName, JsonObject parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelineName);
        cancellationToken.ThrowIfCancellationRequested();
        var created = Store.Write(db =>
        {
            var factory = FactoryRows.Require(db, Name);
            var pipeline = ResourceRows.Get(db, factory, FactoryResourceKind.Pipeline, pipelineName)
                ?? throw new CmException(ErrorIds.ResourceNotFound, CmErrorCategory.ObjectNotFound,
                    $"The data factory '{factory}' has no pipeline '{pipelineName}'.", "Create the pipeline first, or check its name.", pipelineName);
            var runId = Guid.NewGuid().ToString("D");
            RunRows.Insert(db, runId, factory, pipeline.Name, (JsonObject?)parameters?.DeepClone() ?? [],
                ResourceRows.RuntimesOf(db, factory, pipeline.Name), Store.Now);
            return runId;
        });

        // A node this process hosts claims it now rather than at its next poll; nodes of other processes poll as before.
        LocalNodeHosts.Wake(Store);
        return Task.FromResult(created);
    }

    /// <summary>The run (<c>PipelineRunNotFound</c> when unknown). Runs nobody can run are failed first (see <see cref="FactoryStoreOptions.QueuedRunTimeout"/>).</summary>
    public Task<PipelineRunInfo> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        cancellationToken.ThrowIfCancellationRequested();
        SweepIfNeeded(Store, Name);
        return Task.FromResult(Store.Read(db => RunRows.Require(db, FactoryRows.Require(db, Name), runId)));
    }

    /// <summary>The runs that match every filter given, oldest first.</summary>
    public Task<IReadOnlyList<PipelineRunInfo>> QueryRunsAsync(PipelineRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        SweepIfNeeded(Store, Name);
        return Task.FromResult<IReadOnlyList<PipelineRunInfo>>(Store.Read(db => RunRows.Query(db, FactoryRows.Require(db, Name), query)));
    }

    /// <summary>The activity runs of a run in the order they started (<c>PipelineRunNotFound</c> when the run is unknown).</summary>
    public Task<IReadOnlyList<ActivityRunInfo>> QueryActivityRunsAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ActivityRunInfo>>(Store.Read(db =>
        {
            RunRows.Require(db, FactoryRows.Require(db, Name), runId);
            return ActivityRows.List(db, runId);
        }));
    }

    /// <summary>Queued: Cancelled at once. InProgress: Canceling, and the node running it cancels it and marks it Cancelled. Ended: unchanged.</summary>
    public Task CancelRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        cancellationToken.ThrowIfCancellationRequested();
        Store.Write(db => RunRows.Cancel(db, FactoryRows.Require(db, Name), runId, Store.Now));
        return Task.CompletedTask;
    }

    /// <summary>Fails the factory's runs that nobody can run any more, writing only when a cheap read finds some.</summary>
    internal static int SweepIfNeeded(FactoryStore store, string factory)
    {
        var now = store.Now;
        var timeout = store.Options.QueuedRunTimeout;
        return store.Read(db => RunScheduling.NeedsSweep(db, factory, now, timeout))
            ? store.Write(db => RunScheduling.Sweep(db, factory, now, timeout))
            : 0;
    }
}
