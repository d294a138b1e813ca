namespace CloudMigration.Engine.Discovery;

/// <summary>Which source companies to return.</summary>
public sealed class CompanyQuery
{
    /// <summary>Wildcard patterns matched against the company id (CpnyID) and the company name. Empty: all.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    public bool IncludeInactive { get; init; }
}
