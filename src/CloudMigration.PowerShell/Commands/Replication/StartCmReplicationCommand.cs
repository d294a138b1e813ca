using System.Management.Automation;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>
/// Starts a replication run of a Ready setup: Normal copies each table as a delta when its changes are known (else in
/// full, with the reason), Full copies every table in full. Waits with progress unless -NoWait; Ctrl+C stops the run.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "CmReplication", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ReplicationRun))]
public sealed class StartCmReplicationCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The source, where each table's change version is read; default: the one the setup recorded.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter? Source { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? SourceCredential { get; set; }

    /// <summary>Copy every table in full.</summary>
    [Parameter]
    public SwitchParameter Full { get; set; }

    /// <summary>Companies to copy (wildcards allowed); default: all of the setup's.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Company { get; set; } = [];

    /// <summary>Tables to copy, by SL or Business Central name (wildcards allowed); default: all.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Table { get; set; } = [];

    /// <summary>Return once the run's pipeline run was created.</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        var source = Source is null ? null : ResolveEndpoint(Source, SourceCredential, nameof(Source));
        var what = (Full ? "Start a Full replication run" : "Start a replication run") +
                   (Company.Length > 0 ? $" of the companies {string.Join(", ", Company)}" : string.Empty) +
                   (Table.Length > 0 ? $" of the tables {string.Join(", ", Table)}" : string.Empty);
        if (!ShouldProcess(destination.DisplayString, what))
        {
            return;
        }

        var service = new ReplicationService(Factories());
        var request = new ReplicationRequest { Full = Full, Companies = Company, Tables = Table, Wait = false, Source = source };
        var run = Run((progress, ct) => service.StartAsync(destination, request, progress, ct));
        if (!NoWait)
        {
            try
            {
                run = Run((progress, ct) => service.WaitAsync(destination, run.RunId, progress, ct));
            }
            catch (Exception) when (CancellationToken.IsCancellationRequested)
            {
                // Ctrl+C while waiting stops the run itself, not just the wait.
                Task.Run(() => service.StopAsync(destination, run.RunId, CancellationToken.None)).GetAwaiter().GetResult();
                throw;
            }
        }

        WriteObject(run);
    }
}
