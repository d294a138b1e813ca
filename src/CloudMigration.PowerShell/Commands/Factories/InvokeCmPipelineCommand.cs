using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>
/// Starts a run of a pipeline in a data factory (a node of the factory executes it) and, with -Wait, waits for it
/// to end with progress; Ctrl+C while waiting cancels the run. A failed run is a non-terminating error.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "CmPipeline", SupportsShouldProcess = true)]
[OutputType(typeof(PipelineRunInfo))]
public sealed class InvokeCmPipelineCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Factory { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [Alias("PipelineName")]
    public string Name { get; set; } = null!;

    /// <summary>Pipeline parameter values by name.</summary>
    [Parameter]
    public Hashtable Parameter { get; set; } = [];

    /// <summary>Wait until the run ends.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    protected override void ProcessCore()
    {
        if (!ShouldProcess($"{Factory}/{Name}", "Run the pipeline"))
        {
            return;
        }

        var parameters = new JsonObject();
        foreach (DictionaryEntry entry in Parameter)
        {
            var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            parameters[entry.Key.ToString()!] = value is null ? null : JsonValue.Create(value is bool or int or long or double or string ? value : value.ToString());
        }

        var service = Factories();
        var run = Run(async (progress, ct) =>
        {
            var (factory, _) = await service.ResolveAsync(Factory, ct).ConfigureAwait(false);
            return await new PipelineRunService().InvokeAsync(factory, Name, parameters, Wait, progress, ct).ConfigureAwait(false);
        });
        WriteObject(run);
        if (PipelineRunService.ErrorOf(run) is { } error)
        {
            WriteItemError(error);
        }
    }
}
