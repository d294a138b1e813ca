using System.Management.Automation;
using CloudMigration.Engine.Discovery;

namespace CloudMigration.PowerShell.Commands;

/// <summary>Lists the companies of a Dynamics SL source or a Business Central destination.</summary>
[Cmdlet(VerbsCommon.Get, "CmCompany", DefaultParameterSetName = SourceSet)]
[Alias("Get-CmCompanies")]
[OutputType(typeof(SourceCompany), ParameterSetName = [SourceSet])]
[OutputType(typeof(DestinationCompany), ParameterSetName = [DestinationSet])]
public sealed class GetCmCompanyCommand : CmCmdlet
{
    private const string SourceSet = "Source";
    private const string DestinationSet = "Destination";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SourceSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Source { get; set; } = null!;

    [Parameter(ParameterSetName = SourceSet)]
    [Credential]
    public PSCredential? SourceCredential { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DestinationSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter(ParameterSetName = DestinationSet)]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [Alias("CpnyID", "Company")]
    public string[] Name { get; set; } = [];

    [Parameter(ParameterSetName = SourceSet)]
    public SwitchParameter IncludeInactive { get; set; }

    protected override void ProcessCore()
    {
        var service = new CompanyDiscoveryService();
        if (ParameterSetName == SourceSet)
        {
            var source = ResolveEndpoint(Source, SourceCredential, nameof(Source));
            Verbose($"Reading Dynamics SL companies from {source}.");
            var listing = Run((_, ct) => service.GetSourceCompaniesAsync(source, new CompanyQuery { Names = Name, IncludeInactive = IncludeInactive }, ct));
            WriteObject(listing.Companies, enumerateCollection: true);
            WriteNotFound(listing.UnmatchedNames, source.ToString());
        }
        else
        {
            var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
            Verbose($"Reading Business Central companies from {destination}.");
            var listing = Run((_, ct) => service.GetDestinationCompaniesAsync(destination, Name, ct));
            WriteObject(listing.Companies, enumerateCollection: true);
            WriteNotFound(listing.UnmatchedNames, destination.ToString());
        }
    }

    private void WriteNotFound(IEnumerable<string> names, string where) =>
        WriteCompaniesNotFound(names, where, "Run Get-CmCompany without -Name to list the companies; add -IncludeInactive for inactive Dynamics SL companies.");
}
