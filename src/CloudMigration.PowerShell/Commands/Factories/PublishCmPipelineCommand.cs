using System.Management.Automation;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Planning;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>
/// Publishes the engine-built cloud migration pipelines to a data factory: linked services for the source and the
/// destination, the table datasets, the preparation and the replication pipeline; with -TablePlan, also writes the
/// plan into the destination's control table, which the replication pipeline copies by.
/// </summary>
[Cmdlet(VerbsData.Publish, "CmPipeline", SupportsShouldProcess = true)]
[OutputType(typeof(PublishedResource))]
public sealed class PublishCmPipelineCommand : CmFactoryCmdlet
{
    private readonly List<TablePlanEntry> plan = [];

    /// <summary>The factory; default: the load balancer's pick.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Factory { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Source { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? SourceCredential { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The self-hosted IR a SQL Server source is reached through.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IntegrationRuntime { get; set; }

    /// <summary>Plan entries from New-CmTablePlan, written into the destination's control table.</summary>
    [Parameter(ValueFromPipeline = true)]
    public TablePlanEntry[] TablePlan { get; set; } = [];

    protected override void ProcessCore() => plan.AddRange(TablePlan);

    protected override void EndCore()
    {
        var source = ResolveEndpoint(Source, SourceCredential, nameof(Source));
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        var action = plan.Count > 0
            ? $"Publish the cloud migration pipelines, and write {plan.Count} plan entries into the control table of {destination}"
            : "Publish the cloud migration linked services, datasets and pipelines";
        if (!ShouldProcess(Factory ?? "the least-loaded factory", action))
        {
            return;
        }

        var service = Factories();
        var published = Run(async (_, ct) =>
        {
            var (factory, reason) = await service.ResolveAsync(Factory, ct).ConfigureAwait(false);
            Verbose($"Publishing to '{factory.Name}': {reason}");
            return await new PipelinePublisher().PublishAsync(factory, source, destination, IntegrationRuntime, plan.Count > 0 ? plan : null, ct).ConfigureAwait(false);
        });
        WriteObject(published, enumerateCollection: true);
    }
}
