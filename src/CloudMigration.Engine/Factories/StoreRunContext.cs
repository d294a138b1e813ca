using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// What a node hands the executor for one run: the factory's resources read from the store (SecureString values
/// decrypted, for the runner only) and a recorder that writes activity runs under the run's id.
/// </summary>
internal sealed class StoreRunContext : IPipelineResources, IActivityRunRecorder
{
    private readonly FactoryStore store;
    private readonly string factory;
    private readonly string runId;

    public StoreRunContext(FactoryStore store, string factory, string runId)
    {
        this.store = store;
        this.factory = factory;
        this.runId = runId;
    }

    public JsonObject? Get(FactoryResourceKind kind, string name) =>
        store.Read(db => ResourceRows.Get(db, factory, kind, name)) is { } row
            ? ResourceSecrets.Reveal(row.Definition, store.Protector, ResourceSecrets.ContextOf(factory, kind, row.Name))
            : null;

    public Task RecordAsync(ActivityRunInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        store.Write(db => ActivityRows.Upsert(db, runId, run));
        return Task.CompletedTask;
    }
}
