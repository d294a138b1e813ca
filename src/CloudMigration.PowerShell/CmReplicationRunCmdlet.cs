using System.Management.Automation;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Replication.Runs;

namespace CloudMigration.PowerShell;

/// <summary>
/// The base of the cmdlets that act on one replication run of a destination (Wait-, Stop-CmReplicationRun,
/// Get-CmReplicationTableResult): -Destination, -DestinationCredential and -Id, all bound from a piped run.
/// </summary>
public abstract class CmReplicationRunCmdlet : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The run's id; default: the latest run (for Stop-CmReplicationRun, the run in progress).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [Alias("RunId")]
    public string? Id { get; set; }

    /// <summary>The destination endpoint, resolved with its credential.</summary>
    protected CmEndpoint ResolveDestination() => ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));

    /// <summary>The replication service over the chosen factory store.</summary>
    protected ReplicationService Replication() => new(Factories());
}
