using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Planning;

/// <summary>What a plan is made from: facts of both sides (already gathered), the companies and the mappings.</summary>
public sealed class PlanInput
{
    public required SourceFacts Source { get; init; }

    public required DestinationFacts Destination { get; init; }

    public required IReadOnlyList<SlCompanyFacts> Companies { get; init; }

    public required MappingSet Mappings { get; init; }

    /// <summary>
    /// Rows per company where they were counted (SQLite): key "database/table/company", company empty for
    /// tables without CpnyID. Where absent, the catalog's row count (SQL Server) is shared out evenly.
    /// </summary>
    public IReadOnlyDictionary<string, long> RowCounts { get; init; } = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

    public static string RowCountKey(string database, string table, string? company) => database + "/" + table + "/" + (company ?? string.Empty);
}
