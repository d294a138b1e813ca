using System.Management.Automation;
using System.Security;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>
/// Registers this machine as a node of a self-hosted integration runtime by presenting one of its
/// authentication keys (what dmgcmd -RegisterNewNode does for ADF), and runs the IR's pipeline activities
/// in this PowerShell process from then on.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "CmIntegrationRuntimeNode", SupportsShouldProcess = true)]
[OutputType(typeof(NodeRegistration))]
public sealed class RegisterCmIntegrationRuntimeNodeCommand : CmFactoryCmdlet
{
    /// <summary>authKey1 or authKey2 of the IR (from New-CmIntegrationRuntime or Get-CmIntegrationRuntimeKey).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("AuthKey1")]
    [ValidateNotNull]
    public SecureString AuthKey { get; set; } = null!;

    /// <summary>The node's name (default: this machine's name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NodeName { get; set; }

    /// <summary>Only register; do not run activities in this process.</summary>
    [Parameter]
    public SwitchParameter NoRunHost { get; set; }

    protected override void ProcessCore()
    {
        if (!ShouldProcess(NodeName ?? Environment.MachineName, "Register this machine as an integration runtime node"))
        {
            return;
        }

        var service = Factories();
        var node = Run((_, ct) => service.RegisterNodeAsync(AuthKey, NodeName, ct));
        if (!NoRunHost && service.IsLocal(node.Factory))
        {
            LocalNodeHosts.Start(service.Store, node);
            Verbose($"Node '{node.NodeName}' of '{node.Factory}/{node.IntegrationRuntime}' runs pipeline activities in this process (PID {Environment.ProcessId}).");
        }

        WriteObject(node);
    }
}
