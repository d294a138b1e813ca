using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Gets the activity runs of a pipeline run: status, times, input, output and error of each activity (and ForEach iteration).</summary>
[Cmdlet(VerbsCommon.Get, "CmActivityRun")]
[OutputType(typeof(ActivityRunInfo))]
public sealed class GetCmActivityRunCommand : CmFactoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Factory { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RunId { get; set; } = null!;

    protected override void ProcessCore()
    {
        var service = Factories();
        var activities = Run(async (_, ct) =>
        {
            var (factory, _) = await service.ResolveAsync(Factory, ct).ConfigureAwait(false);
            return await factory.QueryActivityRunsAsync(RunId, ct).ConfigureAwait(false);
        });
        WriteObject(activities, enumerateCollection: true);
    }
}
