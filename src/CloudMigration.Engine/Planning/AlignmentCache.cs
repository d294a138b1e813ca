using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Discovery;

namespace CloudMigration.Engine.Planning;

/// <summary>
/// Column mapping and schema comparison for (source table, destination table) pairs, computed once per
/// distinct pair of shapes. Every company of an application database reads the same source table, and
/// every company's staging table has the same columns, so 300 companies x 60 tables need only 60
/// comparisons per application database, and the entries share the resulting lists.
/// </summary>
internal sealed class AlignmentCache
{
    private readonly Dictionary<(TableSchema Source, long Shape), List<(TableSchema Destination, Alignment Alignment)>> cache = [];

    public sealed record Alignment(ColumnMappingList Columns, NameList KeyColumns, IReadOnlyList<ColumnAlignment.Mismatch> Mismatches);

    public Alignment Get(TableSchema source, TableSchema? destination)
    {
        var shape = destination is null ? 0 : Shape(destination);
        if (!cache.TryGetValue((source, shape), out var candidates))
        {
            cache[(source, shape)] = candidates = [];
        }

        foreach (var (known, alignment) in candidates)
        {
            if (SameShape(known, destination))
            {
                return alignment;
            }
        }

        var created = new Alignment(
            TablePlanner.MapColumns(source, destination),
            new NameList((destination is { PrimaryKey.Count: > 0 } ? destination.PrimaryKey : source.PrimaryKey).ToArray()),
            destination is null ? [] : ColumnAlignment.Compare(source, destination));
        candidates.Add((destination!, created));
        return created;
    }

    // Names compare case-insensitively everywhere in planning, so the shape does too.
    private static long Shape(TableSchema table)
    {
        var hash = new HashCode();
        foreach (var column in table.Columns)
        {
            hash.Add(column.Name, StringComparer.OrdinalIgnoreCase);
            hash.Add(column.SqlType, StringComparer.OrdinalIgnoreCase);
        }

        foreach (var key in table.PrimaryKey)
        {
            hash.Add(key, StringComparer.OrdinalIgnoreCase);
        }

        return ((long)table.Columns.Count << 32) ^ (uint)hash.ToHashCode();
    }

    private static bool SameShape(TableSchema? a, TableSchema? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Columns.Count != b.Columns.Count || a.PrimaryKey.Count != b.PrimaryKey.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Columns.Count; i++)
        {
            if (!string.Equals(a.Columns[i].Name, b.Columns[i].Name, StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(a.Columns[i].SqlType, b.Columns[i].SqlType, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        for (var i = 0; i < a.PrimaryKey.Count; i++)
        {
            if (!string.Equals(a.PrimaryKey[i], b.PrimaryKey[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
