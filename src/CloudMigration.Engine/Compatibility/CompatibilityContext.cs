using CloudMigration.Engine.Connections;
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

    /// <summary>The Target of source-level results: the SQL Server instance, or for SQLite the system database's name.</summary>
    public string SourceTarget => SourceConnection.Endpoint is { Kind: EndpointKind.Sqlite } e ? e.Database : SourceConnection.Endpoint.Server;

    /// <summary>The Target of destination-level results: the tenant database's name.</summary>
    public string DestinationTarget => DestinationConnection.Endpoint.Database;

    /// <summary>The distinct application databases of the selected companies.</summary>
    public IEnumerable<string> SelectedApplicationDatabases =>
        SelectedCompanies.Select(c => c.ApplicationDatabase).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
}
