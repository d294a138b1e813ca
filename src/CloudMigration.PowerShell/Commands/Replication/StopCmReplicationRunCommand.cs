using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>Stops a replication run (by id, or the run in progress): cancels its pipeline run and records it Cancelled.</summary>
[Cmdlet(VerbsLifecycle.Stop, "CmReplicationRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ReplicationRun))]
public sealed class StopCmReplicationRunCommand : CmReplicationRunCmdlet
{
    protected override void ProcessCore()
    {
        var destination = ResolveDestination();
        if (!ShouldProcess(destination.DisplayString, Id is null ? "Stop the replication run in progress" : $"Stop the replication run {Id}"))
        {
            return;
        }

        var service = Replication();
        WriteObject(Run((_, ct) => service.StopAsync(destination, Id, ct)));
    }
}
