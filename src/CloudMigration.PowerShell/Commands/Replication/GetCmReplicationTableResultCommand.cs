using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>Writes the per-table results of a replication run (by id, or the latest): copy type and why, status, rows, error.</summary>
[Cmdlet(VerbsCommon.Get, "CmReplicationTableResult")]
[OutputType(typeof(ReplicationTableResult))]
public sealed class GetCmReplicationTableResultCommand : CmReplicationRunCmdlet
{
    protected override void ProcessCore()
    {
        var destination = ResolveDestination();
        var service = Replication();
        foreach (var result in Run((_, ct) => service.GetTableResultsAsync(destination, Id, ct)))
        {
            WriteObject(result);
        }
    }
}
