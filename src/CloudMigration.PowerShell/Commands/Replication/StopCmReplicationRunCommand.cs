using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>Stops a replication run (by id, or the run in progress): cancels its pipeline run and records it Cancelled.</summary>
[Cmdlet(VerbsLifecycle.Stop, "CmReplicationRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ReplicationRun))]
public sealed class StopCmReplicationRunCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The run's id; default: the run in progress.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("RunId")]
    public string? Id { get; set; }

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        if (!ShouldProcess(destination.DisplayString, Id is null ? "Stop the replication run in progress" : $"Stop the replication run {Id}"))
        {
            return;
        }

        var service = new ReplicationService(Factories());
        WriteObject(Run((_, ct) => service.StopAsync(destination, Id, ct)));
    }
}
