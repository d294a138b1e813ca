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

    // Companies of one destination piped in bind the same -Destination many times: read it once.
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        if (!seen.Add(destination.DisplayString))
        {
            return;
        }

        Verbose($"Reading installed extensions from {destination}.");
        var extensions = Run((_, ct) => new ExtensionDiscoveryService().GetInstalledExtensionsAsync(destination, Name, ct));
        WriteObject(extensions, enumerateCollection: true);
        foreach (var name in NamePattern.Unmatched(Name, extensions, e => [e.Name, e.AppId.ToString()]))
        {
            WriteItemError(new Engine.Errors.CmException(Engine.Errors.ErrorIds.ExtensionNotFound, Engine.Errors.CmErrorCategory.ObjectNotFound,
                $"No extension '{name}' is installed in {destination}.",
                "Run Get-CmExtension without -Name to list the installed extensions.", name));
        }
    }
}
