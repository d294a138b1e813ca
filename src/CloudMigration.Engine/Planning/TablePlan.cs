using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Planning;

/// <summary>A plan: its entries, the -Company values that matched nothing, and rows of a reviewed plan that were rejected.</summary>
public sealed class TablePlan
{
    public required IReadOnlyList<TablePlanEntry> Entries { get; init; }

    public IReadOnlyList<string> UnmatchedCompanies { get; init; } = [];

    /// <summary>Reviewed rows that no longer fit the databases (TablePlanStale) or are malformed (TablePlanInvalid).</summary>
    public IReadOnlyList<CmException> RowErrors { get; init; } = [];
}
