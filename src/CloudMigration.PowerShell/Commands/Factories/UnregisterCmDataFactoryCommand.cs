using System.Management.Automation;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Removes a local data factory and everything in it (IRs, pipelines, runs).</summary>
[Cmdlet(VerbsLifecycle.Unregister, "CmDataFactory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class UnregisterCmDataFactoryCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>Also when runs are still active (they are lost).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessCore()
    {
        if (!ShouldProcess(Name, "Unregister the data factory and delete its integration runtimes, pipelines and runs"))
        {
            return;
        }

        var service = Factories();
        Run(async (_, ct) =>
        {
            await service.UnregisterAsync(Name, Force, ct).ConfigureAwait(false);
            return true;
        });
    }
}
