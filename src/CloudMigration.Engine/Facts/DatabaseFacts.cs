namespace CloudMigration.Engine.Facts;

/// <summary>Facts about one database and the mapped tables in it.</summary>
public sealed record DatabaseFacts
{
    public required string Name { get; init; }

    /// <summary>sys.databases.compatibility_level (SQL Server).</summary>
    public int? CompatibilityLevel { get; init; }

    public string? Collation { get; init; }

    /// <summary>Whether the login is db_owner of the database (SQL Server).</summary>
    public bool? IsDbOwner { get; init; }

    /// <summary>Whether change tracking is on for the database; null where the provider has no change tracking.</summary>
    public bool? ChangeTracking { get; init; }

    public int? RetentionPeriod { get; init; }

    /// <summary>MINUTES, HOURS or DAYS.</summary>
    public string? RetentionUnits { get; init; }

    public bool? AutoCleanup { get; init; }

    /// <summary>Size of the data files in bytes.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>The requested tables that exist, by name (case-insensitive).</summary>
    public required IReadOnlyDictionary<string, TableFacts> Tables { get; init; }

    /// <summary>The retention as a time span, when change tracking is on.</summary>
    public TimeSpan? Retention => RetentionPeriod is not { } n ? null : RetentionUnits?.ToUpperInvariant() switch
    {
        "MINUTES" => TimeSpan.FromMinutes(n),
        "HOURS" => TimeSpan.FromHours(n),
        "DAYS" => TimeSpan.FromDays(n),
        _ => null,
    };

    public TableFacts? Table(string name) => Tables.GetValueOrDefault(name);
}
