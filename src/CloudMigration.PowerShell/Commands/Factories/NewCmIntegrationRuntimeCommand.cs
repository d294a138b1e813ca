using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>
/// Creates a self-hosted integration runtime with two generated authentication keys (returned as
/// SecureString), in the named factory or the least-loaded healthy one. Creating one that exists returns it.
/// </summary>
[Cmdlet(VerbsCommon.New, "CmIntegrationRuntime", SupportsShouldProcess = true)]
[OutputType(typeof(CreatedIntegrationRuntime))]
public sealed class NewCmIntegrationRuntimeCommand : CmFactoryCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "cm-ir-" + Environment.MachineName.ToLowerInvariant().Replace('_', '-').Replace('.', '-');

    /// <summary>The factory; default: the load balancer picks the least-loaded healthy factory.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Factory { get; set; }

    [Parameter]
    public string? Description { get; set; }

    protected override void ProcessCore()
    {
        if (!ShouldProcess(Factory is null ? Name : $"{Factory}/{Name}", "Create a self-hosted integration runtime"))
        {
            return;
        }

        var service = Factories();
        var created = Run((_, ct) => service.CreateIntegrationRuntimeAsync(Factory, Name, Description, ct));
        Verbose($"Factory '{created.Factory}': {created.FactoryChoice}");
        WriteObject(created);
    }
}
