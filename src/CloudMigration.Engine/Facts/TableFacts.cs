using CloudMigration.Engine.Discovery;

namespace CloudMigration.Engine.Facts;

/// <summary>Facts about one table: its schema, size and change tracking.</summary>
public sealed record TableFacts
{
    public required TableSchema Schema { get; init; }

    public string Name => Schema.Name;

    public long? RowCount { get; init; }

    /// <summary>Rows per company id (trimmed) where they were counted; tables without a company column count under "".</summary>
    public IReadOnlyDictionary<string, long>? RowsByCompany { get; init; }

    /// <summary>Reserved bytes (data, indexes, large values); null where the provider cannot tell.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Whether change tracking is on for the table; null where the provider has no change tracking.</summary>
    public bool? ChangeTracked { get; init; }

    /// <summary>The largest value (bytes) of each large-value column that was measured.</summary>
    public IReadOnlyDictionary<string, long> LargestValues { get; init; } = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

    public ColumnSchema? Column(string name) => Schema.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
