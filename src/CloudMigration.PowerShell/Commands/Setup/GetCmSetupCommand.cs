using System.Management.Automation;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Setup;

namespace CloudMigration.PowerShell.Commands.Setup;

/// <summary>Reads the cloud migration setup of a destination from its control schema: status, factory, IR, companies, tables, steps, compatibility.</summary>
[Cmdlet(VerbsCommon.Get, "CmSetup")]
[OutputType(typeof(MigrationSetup))]
[NoStateChange("Reads the destination's control schema, read-only.")]
public sealed class GetCmSetupCommand : CmCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        try
        {
            WriteObject(Run((_, ct) => new SetupService(null).GetAsync(destination, ct)));
        }
        catch (CmException ex) when (ex.ErrorId == ErrorIds.SetupNotFound)
        {
            // Another destination of the pipeline may have one: not finding it here is this item's error only.
            WriteItemError(ex);
        }
    }
}
