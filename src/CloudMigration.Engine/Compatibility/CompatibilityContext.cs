using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Compatibility;

/// <summary>The facts the rules judge: both sides, the selected companies, the catalog of mapped tables and the limits.</summary>
public sealed class CompatibilityContext
{
    /// <summary>Null when the source could not be reached (see <see cref="SourceConnection"/>).</summary>
    public SourceFacts? Source { get; init; }

    /// <summary>Null when the destination could not be reached (see <see cref="DestinationConnection"/>).</summary>
    public DestinationFacts? Destination { get; init; }

    public required ConnectionOutcome SourceConnection { get; init; }

    public required ConnectionOutcome DestinationConnection { get; init; }

    /// <summary>The companies to migrate (a subset of <see cref="SourceFacts.Companies"/>).</summary>
    public required IReadOnlyList<SlCompanyFacts> SelectedCompanies { get; init; }

    public required SlCatalog Catalog { get; init; }

    public CompatibilityOptions Options { get; init; } = new();

    /// <summary>The source's display name (server, or folder for SQLite) for result targets.</summary>
    public string SourceTarget => SourceConnection.Endpoint.DisplayString;

    public string DestinationTarget => DestinationConnection.Endpoint.DisplayString;

    /// <summary>The distinct application databases of the selected companies.</summary>
    public IEnumerable<string> SelectedApplicationDatabases =>
        SelectedCompanies.Select(c => c.ApplicationDatabase).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
}
