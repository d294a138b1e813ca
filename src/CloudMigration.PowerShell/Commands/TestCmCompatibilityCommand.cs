using System.Management.Automation;
using CloudMigration.Engine.Compatibility;

namespace CloudMigration.PowerShell.Commands;

/// <summary>
/// Checks, read-only, whether a Dynamics SL source and a Business Central destination are ready for cloud
/// migration: one result per check and target. Companies piped in from Get-CmCompany are collected and
/// tested together, because company count and size are judged over the whole selection.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CmCompatibility")]
[OutputType(typeof(CompatibilityResult))]
[OutputType(typeof(bool))]
public sealed class TestCmCompatibilityCommand : CmCmdlet
{
    private readonly EndpointSelections selections = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Source { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? SourceCredential { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>Company ids or names (wildcards allowed); default: every active company.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [Alias("CpnyID")]
    public string[] Company { get; set; } = [];

    /// <summary>The tenant's storage capacity in GB (80 plus the per-user allowance of its licenses).</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public double StorageCapacityGB { get; set; } = CompatibilityOptions.DefaultStorageCapacityGB;

    /// <summary>Return only $true (ready: nothing failed) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessCore()
    {
        var source = ResolveEndpoint(Source, SourceCredential, nameof(Source));
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        selections.Add(source, destination, Company);
    }

    protected override void EndCore()
    {
        var service = new CompatibilityService();
        var ready = true;
        foreach (var selection in selections)
        {
            var options = new CompatibilityOptions { Companies = selection.Companies, StorageCapacityGB = StorageCapacityGB };
            Verbose($"Testing {selection.Source} against {selection.Destination}" +
                (selection.Companies.Count == 0 ? " for every active company." : $" for {string.Join(", ", selection.Companies)}."));
            var report = Run((progress, ct) => service.TestAsync(selection.Source, selection.Destination, options, progress, ct));
            ready &= report.Ready;
            if (!Quiet)
            {
                WriteObject(report.Results, enumerateCollection: true);
                foreach (var error in report.ConnectionErrors)
                {
                    WriteItemError(error);
                }
            }

            ready &= report.UnmatchedCompanies.Count == 0;
            WriteCompaniesNotFound(report.UnmatchedCompanies, selection.Source.ToString());
        }

        if (Quiet)
        {
            WriteObject(ready);
        }
    }
}
