using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Regenerates authKey1 or authKey2 of a self-hosted IR; the old key registers no new node.</summary>
[Cmdlet(VerbsCommon.New, "CmIntegrationRuntimeKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(IntegrationRuntimeKeys))]
public sealed class NewCmIntegrationRuntimeKeyCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Factory { get; set; }

    [Parameter(Mandatory = true)]
    [ValidateSet("authKey1", "authKey2")]
    public string KeyName { get; set; } = null!;

    protected override void ProcessCore()
    {
        if (!ShouldProcess($"{Name} ({KeyName})", "Regenerate the authentication key"))
        {
            return;
        }

        var service = Factories();
        WriteObject(Run((_, ct) => service.RegenerateKeyAsync(Factory, Name, KeyName, ct)));
    }
}
