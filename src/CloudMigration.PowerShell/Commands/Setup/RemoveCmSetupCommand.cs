using System.Management.Automation;
using CloudMigration.Engine.Setup;

namespace CloudMigration.PowerShell.Commands.Setup;

/// <summary>
/// Tears a cloud migration setup down: its pipelines, datasets and linked services in the factory, the integration
/// runtime with -IncludeIntegrationRuntime, the cm objects and the SQLite change log in the source with -Source, and the destination's control
/// schema last (so an interrupted removal can be run again).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "CmSetup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SetupRemoval))]
public sealed class RemoveCmSetupCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>
    /// The SL system database: its cm objects (created by the preparation pipeline) are dropped too, and on SQLite the change
    /// log setup installed in each application database (triggers, cm_ChangeLog, cm_ChangeTracking). SQL Server change
    /// tracking is left as it is: setup never turns it on.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter? Source { get; set; }

    [Parameter]
    [Credential]
    public PSCredential? SourceCredential { get; set; }

    /// <summary>Also delete the setup's integration runtime (refused while another setup's linked services use it).</summary>
    [Parameter]
    public SwitchParameter IncludeIntegrationRuntime { get; set; }

    /// <summary>Write what was removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        var source = Source is null ? null : ResolveEndpoint(Source, SourceCredential, nameof(Source));
        var preview = new SetupService(ExistingFactories());
        var (setup, actions) = Run((_, ct) => preview.PreviewRemoveAsync(destination, source, IncludeIntegrationRuntime, ct));
        if (WhatIfRequested)
        {
            foreach (var action in actions)
            {
                ShouldProcess(destination.DisplayString, action);
            }

            return;
        }

        if (!ShouldProcess(destination.DisplayString, $"Remove the cloud migration setup {setup.SetupId} ({setup.Status}): {string.Join("; ", actions)}"))
        {
            return;
        }

        var service = new SetupService(Factories());
        var removal = Run((_, ct) => service.RemoveAsync(destination, source, IncludeIntegrationRuntime, ct));
        foreach (var item in removal.Removed)
        {
            Verbose($"Removed {item}.");
        }

        if (removal.Message.Length > 0)
        {
            Verbose(removal.Message);
        }

        if (PassThru)
        {
            WriteObject(removal);
        }
    }
}
