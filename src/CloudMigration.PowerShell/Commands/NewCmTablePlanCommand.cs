using System.Globalization;
using System.Management.Automation;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;

namespace CloudMigration.PowerShell.Commands;

/// <summary>
/// Plans which tables go where and how each is copied: one entry per company and table. With -TablePlan,
/// re-validates a reviewed plan (for example Import-Csv of an exported one) against the live schemas.
/// Only reads; the plan is an in-memory object.
/// </summary>
[Cmdlet(VerbsCommon.New, "CmTablePlan", DefaultParameterSetName = PlanSet)]
[OutputType(typeof(TablePlanEntry))]
[NoStateChange("Builds an in-memory plan from read-only queries; nothing is written.")]
public sealed class NewCmTablePlanCommand : CmCmdlet
{
    private const string PlanSet = "Plan";
    private const string ReviewSet = "Review";
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
    [Parameter(ParameterSetName = PlanSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [Alias("CpnyID")]
    public string[] Company { get; set; } = [];

    /// <summary>Custom mappings: objects with SourceTable, DestinationTable and optional PerCompany and AppId.</summary>
    [Parameter(ParameterSetName = PlanSet)]
    [ValidateNotNull]
    public PSObject[] Mapping { get; set; } = [];

    /// <summary>A reviewed plan (Import-Csv of an exported plan, or plan entries) to re-validate.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ReviewSet)]
    [ValidateNotNull]
    public PSObject[] TablePlan { get; set; } = [];

    protected override void ProcessCore()
    {
        var source = ResolveEndpoint(Source, SourceCredential, nameof(Source));
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        selections.Add(source, destination, Company);
    }

    protected override void EndCore()
    {
        var service = new TablePlanService();
        var mappings = Mapping.Select((m, i) => ToMapping(m, i + 1)).ToArray();
        var rows = TablePlan.Select((r, i) => TablePlanRows.ToRow(r, i + 1)).ToArray();
        foreach (var selection in selections)
        {
            var plan = ParameterSetName == ReviewSet
                ? Run((progress, ct) => service.ValidateAsync(selection.Source, selection.Destination, rows, progress, ct))
                : Run((progress, ct) => service.BuildAsync(selection.Source, selection.Destination, new TablePlanOptions { Companies = selection.Companies, Mappings = mappings }, progress, ct));
            foreach (var company in plan.Entries.GroupBy(e => e.Company, StringComparer.Ordinal))
            {
                Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} tables (Delta {2}, Full {3}, Skip {4}), {5:N0} rows, {6:0.###} MB.",
                    company.Key, company.Count(), company.Count(e => e.CopyMethod == CopyMethod.Delta), company.Count(e => e.CopyMethod == CopyMethod.Full),
                    company.Count(e => e.CopyMethod == CopyMethod.Skip), company.Sum(e => e.EstimatedRows ?? 0), company.Sum(e => e.EstimatedSizeMB ?? 0)));
            }

            WriteObject(plan.Entries, enumerateCollection: true);
            WriteCompaniesNotFound(plan.UnmatchedCompanies, selection.Source.ToString());

            foreach (var error in plan.RowErrors)
            {
                WriteItemError(error);
            }
        }
    }

    private static TableMappingInput ToMapping(PSObject value, int index)
    {
        try
        {
            return new TableMappingInput
            {
                SourceTable = TablePlanRows.Text(value, "SourceTable"),
                DestinationTable = TablePlanRows.Text(value, "DestinationTable"),
                PerCompany = TablePlanRows.Text(value, "PerCompany") is { Length: > 0 } perCompany ? ParseBool(perCompany) : null,
                AppId = TablePlanRows.Text(value, "AppId") is { Length: > 0 } appId ? Guid.Parse(appId) : null,
            };
        }
        catch (FormatException ex)
        {
            throw new CmException(ErrorIds.TableMappingInvalid, CmErrorCategory.InvalidArgument,
                $"Mapping {index} has an invalid PerCompany or AppId: {ex.Message}",
                "PerCompany is True or False; AppId is the GUID of the Business Central extension that owns the destination table.", value.ToString());
        }
    }

    // CSV gives text: True/False, 1/0, Yes/No.
    private static bool ParseBool(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "$TRUE" => true,
        "FALSE" or "0" or "NO" or "$FALSE" => false,
        _ => throw new FormatException($"'{text}' is not True or False."),
    };
}
