using System.Management.Automation;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Lists self-hosted integration runtimes with their state (NeedRegistration, Online, Limited, Offline) and nodes.</summary>
[Cmdlet(VerbsCommon.Get, "CmIntegrationRuntime")]
[OutputType(typeof(IntegrationRuntimeInfo))]
public sealed class GetCmIntegrationRuntimeCommand : CmFactoryCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Factory { get; set; }

    protected override void ProcessCore()
    {
        var service = Factories();
        var (runtimes, unmatched) = Run((_, ct) => service.ListIntegrationRuntimesAsync(Factory, Name, ct));
        WriteObject(runtimes, enumerateCollection: true);
        foreach (var name in unmatched)
        {
            WriteItemError(new CmException(ErrorIds.IntegrationRuntimeNotFound, CmErrorCategory.ObjectNotFound,
                $"No integration runtime '{name}' was found{(Factory is null ? string.Empty : $" in '{Factory}'")}.",
                "Run Get-CmIntegrationRuntime to list them, or create it with New-CmIntegrationRuntime.", name));
        }
    }
}
