using CloudMigration.Engine.Products.BusinessCentral;

namespace CloudMigration.Engine.Planning;

/// <summary>
/// One source table and the Business Central table it feeds. DestinationTable is the BC table name
/// (for example "SL Account"); the SQL name adds the company (when PerCompany) and the app id.
/// </summary>
public sealed record TableMapping(string SourceTable, string DestinationTable, bool PerCompany, Guid AppId, bool IsCustom)
{
    /// <summary>The destination's SQL name for a company: <c>&lt;Company&gt;$&lt;Table&gt;$&lt;app id&gt;</c>, or <c>&lt;Table&gt;$&lt;app id&gt;</c> when not per company.</summary>
    public string SqlName(string company) => PerCompany
        ? BcNaming.CompanyTable(company, DestinationTable, AppId)
        : BcNaming.SqlSafe(DestinationTable) + "$" + AppId.ToString("D");
}

/// <summary>A custom mapping as a user gives it (from Import-Csv or objects): SourceTable, DestinationTable, optional PerCompany and AppId.</summary>
public sealed class TableMappingInput
{
    public string? SourceTable { get; init; }

    public string? DestinationTable { get; init; }

    public bool? PerCompany { get; init; }

    public Guid? AppId { get; init; }
}
