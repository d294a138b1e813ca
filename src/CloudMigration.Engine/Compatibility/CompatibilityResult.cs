namespace CloudMigration.Engine.Compatibility;

/// <summary>
/// One check on one target. Flat on purpose: every property is text, a number or an enum, so results
/// go straight into Export-Csv, ConvertTo-Html and ConvertTo-Json. Never holds a secret.
/// </summary>
public sealed class CompatibilityResult
{
    /// <summary>The check's stable name, for example CompatibilityLevel or SchemaAlignment.</summary>
    public required string Check { get; init; }

    /// <summary>What was checked: a server, a database, a company id, or company/table.</summary>
    public required string Target { get; init; }

    public required CompatibilityTargetType TargetType { get; init; }

    /// <summary>The company the result is about, when it is about one.</summary>
    public string? Company { get; init; }

    public required CompatibilityStatus Status { get; init; }

    /// <summary>Microsoft's error code where one exists (50001, 50004, 50011, 50017, 50020, 50021), or the SQL Server error number of a failed connection.</summary>
    public int? Code { get; init; }

    public required string Message { get; init; }

    /// <summary>How to fix it, with the exact T-SQL where there is one. Empty when nothing needs doing.</summary>
    public string RecommendedAction { get; init; } = string.Empty;

    public override string ToString() => $"{Status} {Check} {Target}";
}
