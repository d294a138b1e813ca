using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Registers a data factory: a local one runs pipelines on this machine (Azure factories come later).</summary>
[Cmdlet(VerbsLifecycle.Register, "CmDataFactory", SupportsShouldProcess = true)]
[OutputType(typeof(DataFactoryInfo))]
public sealed class RegisterCmDataFactoryCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>A local factory (the embedded engine). Required until Azure factories arrive.</summary>
    [Parameter(Mandatory = true)]
    public SwitchParameter Local { get; set; }

    protected override void ProcessCore()
    {
        if (!Local)
        {
            throw new Engine.Errors.CmException(Engine.Errors.ErrorIds.FactoryKindNotSupported, Engine.Errors.CmErrorCategory.InvalidArgument,
                "Only local data factories can be registered in this version (-Local).",
                "Register a local factory with -Local; Azure Data Factory arrives in a later version behind the same cmdlets.", Name);
        }

        if (!ShouldProcess(Name, "Register a local data factory"))
        {
            return;
        }

        var service = Factories();
        WriteObject(Run((_, ct) => service.RegisterLocalAsync(Name, ct)));
    }
}
