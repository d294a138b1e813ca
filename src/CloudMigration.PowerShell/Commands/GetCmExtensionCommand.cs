using System.Management.Automation;
using CloudMigration.Engine.Discovery;

namespace CloudMigration.PowerShell.Commands;

/// <summary>Lists the extensions installed in a Business Central destination.</summary>
[Cmdlet(VerbsCommon.Get, "CmExtension")]
[OutputType(typeof(InstalledExtension))]
public sealed class GetCmExtensionCommand : CmCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        Verbose($"Reading installed extensions from {destination}.");
        var extensions = Run((_, ct) => new ExtensionDiscoveryService().GetInstalledExtensionsAsync(destination, Name, ct));
        WriteObject(extensions, enumerateCollection: true);
    }
}
