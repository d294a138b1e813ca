using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// One data factory, local or in Azure, with the operations of the ADF REST API (api-version 2018-06-01)
/// that cloud migration uses. Every method is idempotent where ADF's is (PUT, DELETE); CreateRunAsync is
/// not: callers pass their own request id as a pipeline parameter and look for it with QueryRunsAsync first.
/// </summary>
public interface IDataFactory
{
    string Name { get; }

    DataFactoryKind Kind { get; }

    /// <summary>The factory and its load: IRs, nodes, active runs, health.</summary>
    Task<DataFactoryInfo> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>Creates the self-hosted IR, or returns it when it exists (PUT): its keys and nodes are kept; only a given description is updated.</summary>
    Task<IntegrationRuntimeInfo> CreateIntegrationRuntimeAsync(string name, string? description, CancellationToken cancellationToken);

    /// <summary>The IR with its state and nodes, or null.</summary>
    Task<IntegrationRuntimeInfo?> GetIntegrationRuntimeAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<IntegrationRuntimeInfo>> ListIntegrationRuntimesAsync(CancellationToken cancellationToken);

    Task<IntegrationRuntimeKeys> GetIntegrationRuntimeKeysAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces authKey1 or authKey2; nodes that registered with the old key keep working, the old key registers no new node.</summary>
    Task<IntegrationRuntimeKeys> RegenerateIntegrationRuntimeKeyAsync(string name, string keyName, CancellationToken cancellationToken);

    /// <summary>Deletes the IR; refused (IntegrationRuntimeInUse) while a linked service refers to it, unless <paramref name="force"/>.</summary>
    Task DeleteIntegrationRuntimeAsync(string name, bool force, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a linked service, dataset or pipeline from its ADF JSON (validated; PipelineInvalid when not).</summary>
    Task PutResourceAsync(FactoryResourceKind kind, string name, JsonObject definition, CancellationToken cancellationToken);

    /// <summary>The stored JSON (secrets of linked services masked as "**********"), or null.</summary>
    Task<JsonObject?> GetResourceAsync(FactoryResourceKind kind, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListResourcesAsync(FactoryResourceKind kind, CancellationToken cancellationToken);

    /// <summary>Deletes; refused (ResourceInUse) while another resource refers to it. A missing one is not an error.</summary>
    Task DeleteResourceAsync(FactoryResourceKind kind, string name, CancellationToken cancellationToken);

    /// <summary>Starts a run with a bare map of parameter values; returns its run id.</summary>
    Task<string> CreateRunAsync(string pipelineName, JsonObject parameters, CancellationToken cancellationToken);

    Task<PipelineRunInfo> GetRunAsync(string runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PipelineRunInfo>> QueryRunsAsync(PipelineRunQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<ActivityRunInfo>> QueryActivityRunsAsync(string runId, CancellationToken cancellationToken);

    Task CancelRunAsync(string runId, CancellationToken cancellationToken);
}
