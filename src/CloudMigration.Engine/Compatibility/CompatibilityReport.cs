using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Compatibility;

/// <summary>What a compatibility test found: the results, company names that matched nothing, and failed connections.</summary>
public sealed class CompatibilityReport
{
    public required IReadOnlyList<CompatibilityResult> Results { get; init; }

    /// <summary>Exact -Company values that matched no company.</summary>
    public required IReadOnlyList<string> UnmatchedCompanies { get; init; }

    /// <summary>Why a side could not be reached; each also has a Failed Connectivity result.</summary>
    public required IReadOnlyList<CmException> ConnectionErrors { get; init; }

    /// <summary>True when no check failed and both sides were reached.</summary>
    public bool Ready => ConnectionErrors.Count == 0 && Results.All(r => r.Status != CompatibilityStatus.Failed);
}
