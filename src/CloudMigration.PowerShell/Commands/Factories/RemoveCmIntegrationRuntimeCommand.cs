using System.Management.Automation;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Deletes a self-hosted IR; refused while a linked service uses it, unless -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "CmIntegrationRuntime", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveCmIntegrationRuntimeCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Factory { get; set; }

    /// <summary>Delete even while linked services refer to it.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessCore()
    {
        if (!ShouldProcess(Factory is null ? Name : $"{Factory}/{Name}", "Delete the integration runtime"))
        {
            return;
        }

        var service = Factories();
        Run(async (_, ct) =>
        {
            await service.RemoveIntegrationRuntimeAsync(Factory, Name, Force, ct).ConfigureAwait(false);
            return true;
        });
    }
}
