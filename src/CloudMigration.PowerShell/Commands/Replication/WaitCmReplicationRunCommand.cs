using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>Waits for a replication run (by id, or the latest) to end, with progress; writes the run as it ended. Ctrl+C ends the wait, not the run.</summary>
[Cmdlet(VerbsLifecycle.Wait, "CmReplicationRun")]
[OutputType(typeof(ReplicationRun))]
public sealed class WaitCmReplicationRunCommand : CmReplicationRunCmdlet
{
    protected override void ProcessCore()
    {
        var destination = ResolveDestination();
        var service = Replication();
        WriteObject(Run((progress, ct) => service.WaitAsync(destination, Id, progress, ct)));
    }
}
