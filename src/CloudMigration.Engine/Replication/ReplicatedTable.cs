using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// The source side of one plan entry, as replication reads it: the source table, its key columns and copied columns
/// (source names, in the plan's column order), and the company whose rows it holds (null when the table has no company
/// column and is copied whole). The plan names keys as the destination does; they are mapped back through the columns.
/// </summary>
public sealed record ReplicatedTable
{
    public const string CompanyColumnName = "CpnyID";

    public required string Table { get; init; }

    public required IReadOnlyList<string> KeyColumns { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>The company filter (compared ignoring SL's padding), or null for the whole table.</summary>
    public string? Company { get; init; }

    public string CompanyColumn { get; init; } = CompanyColumnName;

    /// <summary>The key column that holds the company, when the key includes it (then deleted keys carry their company).</summary>
    public string? CompanyKeyColumn => Company is null ? null : KeyColumns.FirstOrDefault(k => string.Equals(k, CompanyColumn, StringComparison.OrdinalIgnoreCase));

    /// <summary>For each key column, its position in <see cref="Columns"/> (-1 when it is not copied).</summary>
    public IReadOnlyList<int> KeyOrdinals()
    {
        var ordinals = new int[KeyColumns.Count];
        for (var i = 0; i < ordinals.Length; i++)
        {
            ordinals[i] = -1;
            for (var c = 0; c < Columns.Count && ordinals[i] < 0; c++)
            {
                ordinals[i] = string.Equals(Columns[c], KeyColumns[i], StringComparison.OrdinalIgnoreCase) ? c : -1;
            }
        }

        return ordinals;
    }

    public static ReplicatedTable From(TablePlanEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var keys = new List<string>();
        foreach (var key in entry.KeyColumns)
        {
            var column = entry.Columns.FirstOrDefault(c => string.Equals(c.Destination, key, StringComparison.OrdinalIgnoreCase))
                ?? entry.Columns.FirstOrDefault(c => string.Equals(c.Source, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new CmException(ErrorIds.ReplicationKeyNotMapped, CmErrorCategory.InvalidData,
                    $"The key column '{key}' of {entry.DestinationTable} is not among the copied columns of {entry.SourceTable}.",
                    "Map the key column, or give the table a key that is copied.", entry.ToString());
            keys.Add(column.Source);
        }

        if (keys.Count == 0)
        {
            throw new CmException(ErrorIds.ReplicationKeyNotMapped, CmErrorCategory.InvalidData,
                $"{entry.SourceTable} -> {entry.DestinationTable} has no key columns; changes cannot be matched to rows.",
                "Give the destination table a primary key (the plan takes its key from there).", entry.ToString());
        }

        return new ReplicatedTable
        {
            Table = entry.SourceTable,
            KeyColumns = keys,
            Columns = entry.Columns.Select(c => c.Source).ToArray(),
            Company = entry.FilteredByCompany ? entry.Company : null,
        };
    }

    public override string ToString() => Company is null ? Table : Table + " (" + Company + ")";
}
