using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>Waits for a replication run (by id, or the latest) to end, with progress; writes the run as it ended. Ctrl+C ends the wait, not the run.</summary>
[Cmdlet(VerbsLifecycle.Wait, "CmReplicationRun")]
[OutputType(typeof(ReplicationRun))]
public sealed class WaitCmReplicationRunCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The run's id; default: the latest run.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("RunId")]
    public string? Id { get; set; }

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        var service = new ReplicationService(Factories());
        WriteObject(Run((progress, ct) => service.WaitAsync(destination, Id, progress, ct)));
    }
}
