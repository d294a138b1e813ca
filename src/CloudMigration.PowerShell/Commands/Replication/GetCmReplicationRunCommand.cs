using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>Lists the replication runs of a destination, newest first, or one run by id, or the latest.</summary>
[Cmdlet(VerbsCommon.Get, "CmReplicationRun", DefaultParameterSetName = "All")]
[OutputType(typeof(ReplicationRun))]
public sealed class GetCmReplicationRunCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The run's id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("RunId")]
    public string Id { get; set; } = null!;

    /// <summary>Only the newest run.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Latest")]
    public SwitchParameter Latest { get; set; }

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        var service = new ReplicationService(Factories());
        if (ParameterSetName == "All")
        {
            foreach (var run in Run((_, ct) => service.GetRunsAsync(destination, ct)))
            {
                WriteObject(run);
            }

            return;
        }

        WriteObject(Run((_, ct) => service.GetRunAsync(destination, Latest ? null : Id, ct)));
    }
}
