using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell.Commands.Factories;

/// <summary>Gets pipeline runs of a data factory: one by id, or the runs of a pipeline, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "CmPipelineRun", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(PipelineRunInfo))]
public sealed class GetCmPipelineRunCommand : CmFactoryCmdlet
{
    private const string QuerySet = "Query";
    private const string IdSet = "RunId";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Factory { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RunId { get; set; } = null!;

    [Parameter(ParameterSetName = QuerySet, Position = 1)]
    [ValidateNotNullOrEmpty]
    [Alias("PipelineName")]
    public string? Name { get; set; }

    protected override void ProcessCore()
    {
        var service = Factories();
        var runs = Run(async (_, ct) =>
        {
            var (factory, _) = await service.ResolveAsync(Factory, ct).ConfigureAwait(false);
            return ParameterSetName == IdSet
                ? [await factory.GetRunAsync(RunId, ct).ConfigureAwait(false)]
                : (IReadOnlyList<PipelineRunInfo>)(await factory.QueryRunsAsync(new PipelineRunQuery { PipelineName = Name }, ct).ConfigureAwait(false))
                    .OrderByDescending(r => r.RunStart ?? DateTimeOffset.MaxValue).ToList();
        });
        WriteObject(runs, enumerateCollection: true);
    }
}
