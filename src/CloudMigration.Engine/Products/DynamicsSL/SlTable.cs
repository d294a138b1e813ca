namespace CloudMigration.Engine.Products.DynamicsSL;

/// <summary>One of the SL tables Microsoft migrates, with its Business Central staging table.</summary>
public sealed record SlTable(
    string Module,
    string Name,
    string BcTable,
    int BcTableId,
    bool PerCompany,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<SlField> Fields)
{
    /// <summary>Whether rows carry the company (CpnyID); tables without it are shared by an application database.</summary>
    public bool HasCompanyColumn => Fields.Any(f => string.Equals(f.Name, "CpnyID", StringComparison.OrdinalIgnoreCase));
}
