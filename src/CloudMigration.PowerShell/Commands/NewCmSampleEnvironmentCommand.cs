using System.Management.Automation;
using CloudMigration.Engine.Sample;

namespace CloudMigration.PowerShell.Commands;

/// <summary>Creates the embedded sample: Dynamics SL source databases and a Business Central destination on SQLite.</summary>
[Cmdlet(VerbsCommon.New, "CmSampleEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SampleEnvironment))]
public sealed class NewCmSampleEnvironmentCommand : CmCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, SampleOptions.MaxCompanies)]
    public int CompanyCount { get; set; } = 3;

    [Parameter]
    [ValidateRange(0, SampleOptions.MaxRowsPerTable)]
    public int RowsPerTable { get; set; } = 20;

    [Parameter]
    public int Seed { get; set; } = 1;

    /// <summary>Replace sample databases that already exist in the folder.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessCore()
    {
        var target = GetUnresolvedProviderPathFromPSPath(Path);
        var what = $"{CompanyCount} active companies and 1 inactive, {RowsPerTable} rows per table, seed {Seed}";
        if (!ShouldProcess(target, $"Create the CloudMigration sample ({what})"))
        {
            return;
        }

        var options = new SampleOptions { Path = target, CompanyCount = CompanyCount, RowsPerTable = RowsPerTable, Seed = Seed, Force = Force };
        var sample = Run((progress, ct) => new SampleEnvironmentBuilder().CreateAsync(options, progress, ct));
        WriteObject(sample);
    }
}
