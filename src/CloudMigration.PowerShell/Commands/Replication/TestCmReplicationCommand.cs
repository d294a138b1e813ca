using System.Globalization;
using System.Management.Automation;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Replication.Verification;

namespace CloudMigration.PowerShell.Commands.Replication;

/// <summary>
/// Verifies, read-only, that the destination holds exactly the source's rows: builds the table plan setup builds for the
/// same endpoints and companies and compares each copied table row by row, by key. One result per table (Match, Mismatch
/// or Error); a table that cannot be compared is also a non-terminating TableVerificationFailed error.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CmReplication")]
[OutputType(typeof(TableVerificationResult))]
[OutputType(typeof(bool))]
[NoStateChange("Compares source and destination rows with read-only queries; nothing is written.")]
public sealed class TestCmReplicationCommand : CmCmdlet
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

    /// <summary>Source or destination table names (wildcards allowed); default: every table setup copies.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Table { get; set; } = [];

    /// <summary>Return only $true (every table matches) or $false.</summary>
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
        var service = new ReplicationVerificationService();
        var allMatch = true;
        foreach (var selection in selections)
        {
            Verbose($"Verifying {selection.Destination} against {selection.Source}" +
                (selection.Companies.Count == 0 ? " for every active company." : $" for {string.Join(", ", selection.Companies)}."));
            var verification = Run((progress, ct) => service.VerifyAsync(selection.Source, selection.Destination, selection.Companies, Table, progress, ct));
            allMatch &= verification.AllMatch;
            Verbose(string.Format(CultureInfo.InvariantCulture, "{0} tables: {1} Match, {2} Mismatch, {3} Error.", verification.Results.Count,
                verification.Results.Count(r => r.Status == VerificationStatus.Match), verification.Results.Count(r => r.Status == VerificationStatus.Mismatch),
                verification.Results.Count(r => r.Status == VerificationStatus.Error)));
            if (!Quiet)
            {
                WriteObject(verification.Results, enumerateCollection: true);
                foreach (var error in verification.Errors)
                {
                    WriteItemError(error);
                }
            }

            WriteCompaniesNotFound(verification.UnmatchedCompanies, selection.Source.ToString());
            foreach (var table in verification.UnmatchedTables)
            {
                WriteItemError(new CmException(ErrorIds.VerificationTableNotFound, CmErrorCategory.ObjectNotFound,
                    $"No table '{table}' is copied for the selected companies of {selection.Destination}.",
                    "Give a source table name (GLTran) or a destination table name, as New-CmTablePlan lists them; wildcards are allowed.", table));
            }
        }

        if (Quiet)
        {
            WriteObject(allMatch);
        }
    }
}
