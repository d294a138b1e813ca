using System.Management.Automation;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Lists the registered data factories with their load: integration runtimes, nodes, active runs and health.</summary>
[Cmdlet(VerbsCommon.Get, "CmDataFactory")]
[OutputType(typeof(DataFactoryInfo))]
public sealed class GetCmDataFactoryCommand : CmFactoryCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    protected override void ProcessCore()
    {
        var service = Factories();
        var (factories, unmatched) = Run((_, ct) => service.ListAsync(Name, ct));
        WriteObject(factories, enumerateCollection: true);
        foreach (var name in unmatched)
        {
            WriteItemError(new CmException(ErrorIds.FactoryNotFound, CmErrorCategory.ObjectNotFound,
                $"No data factory '{name}' is registered in {service.Store.Path}.", "Run Get-CmDataFactory to list them, or Register-CmDataFactory -Local to add one.", name));
        }
    }
}
