using Azure.Core;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// A data factory in Azure, through the ADF REST API (api-version 2018-06-01) over one Azure.Core pipeline: a bearer
/// token for Azure Resource Manager from the given <see cref="TokenCredential"/>, retries of transient answers with
/// Retry-After, and a pinned certificate when talking to the emulator. Follows <see cref="IDataFactory"/>'s semantics:
/// deleting what is missing is no error, secrets are write-only, and <see cref="CreateRunAsync"/> is never duplicated
/// when the caller passes its request id as the pipeline parameter "RequestId". Every failure is a <see cref="CmException"/>
/// (see <see cref="AzureErrors"/>); cancelling the token ends the call with <see cref="OperationCanceledException"/>.
/// </summary>
public sealed partial class AzureDataFactory : IDataFactory, IDisposable
{
    private readonly AdfClient client;
    private readonly RunSubmission submission;

    /// <param name="id">The factory's ARM resource id.</param>
    /// <param name="credential">Signs in to Azure Resource Manager (choosing it is the caller's business).</param>
    /// <param name="options">Endpoint, retries, timeouts, pinning, log; defaults for Azure when null. Used by this client only.</param>
    public AzureDataFactory(AzureFactoryId id, TokenCredential credential, AzureDataFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(credential);
        Id = id;
        client = new AdfClient(id, credential, options ?? new AzureDataFactoryOptions());
        submission = new RunSubmission(client, QueryRunsAsync);
    }

    public AzureFactoryId Id { get; }

    public string Name => Id.Name;

    public DataFactoryKind Kind => DataFactoryKind.Azure;

    private DateTimeOffset Now => client.Options.TimeProvider.GetUtcNow();

    /// <summary>
    /// The factory (GET), its self-hosted IRs with their status, the runs Queued, InProgress or Canceling within
    /// <see cref="AzureDataFactoryOptions.ActiveRunWindow"/>, and its health by <see cref="FactoryHealthRule"/>.
    /// </summary>
    public async Task<DataFactoryInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        var call = new AdfCall("read the factory");
        var factory = (await client.SendAsync(AdfRequest.Get(string.Empty), call, cancellationToken).ConfigureAwait(false)).Json(call);
        var runtimes = await ListIntegrationRuntimesAsync(cancellationToken).ConfigureAwait(false);
        var active = await QueryRunsAsync(new PipelineRunQuery
        {
            Statuses = [PipelineRunStatus.Queued, PipelineRunStatus.InProgress, PipelineRunStatus.Canceling],
            UpdatedAfter = Now - client.Options.ActiveRunWindow,
        }, cancellationToken).ConfigureAwait(false);
        var verdict = FactoryHealthRule.Evaluate(runtimes);
        return new DataFactoryInfo
        {
            Name = AdfJsonValues.String(factory, "name") ?? Name,
            Kind = DataFactoryKind.Azure,
            Location = AdfJsonValues.String(factory, "location") ?? string.Empty,
            ResourceId = AdfJsonValues.String(factory, "id") ?? Id.ToString(),
            Registered = AdfJsonValues.Time(AdfJsonValues.Object(factory, "properties"), "createTime") ?? default,
            IntegrationRuntimes = runtimes.Count,
            Nodes = runtimes.Sum(r => r.Nodes.Count),
            OnlineNodes = runtimes.Sum(r => r.Nodes.Count(n => string.Equals(n.Status, NodeLiveness.Online, StringComparison.OrdinalIgnoreCase))),
            ActiveRuns = active.Count,
            Health = verdict.Health,
            HealthReason = verdict.Reason,
        };
    }

    /// <summary>Releases the pinned transport, when one was created.</summary>
    public void Dispose() => client.Dispose();
}
