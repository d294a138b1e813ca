using System.Management.Automation;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Setup;

namespace CloudMigration.PowerShell.Commands.Setup;

/// <summary>
/// Writes the factory entities of a destination's cloud migration setup as files to keep in source control: ADF's Git
/// layout (integrationRuntime/, linkedService/, dataset/, pipeline/) and an ARM deployment template with its parameters
/// file. Secrets become securestring parameters of the template; no secret is written.
/// </summary>
[Cmdlet(VerbsData.Export, "CmPipeline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ExportedFile))]
public sealed class ExportCmPipelineCommand : CmFactoryCmdlet
{
    // Folder -> the setup exported into it by this command: a second setup would replace the first one's template.
    private readonly Dictionary<string, string> exported = new(StringComparer.OrdinalIgnoreCase);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The folder to write into (created when missing); relative to the current PowerShell location.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    protected override void ProcessCore()
    {
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        PipelineExport export;
        try
        {
            // Reads only: a factory store that does not exist is not created.
            export = Run((_, ct) => new SetupExport(ExistingFactories()).ReadAsync(destination, ct));
        }
        catch (CmException ex) when (ex.ErrorId == ErrorIds.SetupNotFound)
        {
            // Another destination of the pipeline may have one: not finding it here is this item's error only.
            WriteItemError(ex);
            return;
        }

        if (exported.TryGetValue(folder, out var earlier) && earlier != export.SetupId)
        {
            WriteItemError(new CmException(ErrorIds.ExportPathInvalid, CmErrorCategory.InvalidArgument,
                $"'{folder}' already received the export of the setup {earlier} in this command; the setup {export.SetupId} of '{destination.DisplayString}' would replace its template.",
                "Export each destination's setup into a folder of its own (-Path).", folder));
            return;
        }

        var chosen = export.Plan(folder)
            .Where(file => ShouldProcess(file.Path, $"Write the {file.Kind} '{file.Name}' of the setup {export.SetupId} (factory '{export.Factory}')"))
            .ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        exported[folder] = export.SetupId;
        var written = Run((_, ct) => export.WriteAsync(folder, chosen, ct));
        Verbose($"Exported {written.Count} file(s) of the setup {export.SetupId} from '{export.Factory}' to '{folder}'.");
        WriteObject(written, enumerateCollection: true);
    }
}
