using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>Writes the per-table results of a replication run (by id, or the latest): copy type and why, status, rows, error.</summary>
[Cmdlet(VerbsCommon.Get, "CmReplicationTableResult")]
[OutputType(typeof(ReplicationTableResult))]
public sealed class GetCmReplicationTableResultCommand : CmFactoryCmdlet
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
        foreach (var result in Run((_, ct) => service.GetTableResultsAsync(destination, Id, ct)))
        {
            WriteObject(result);
        }
    }
}
