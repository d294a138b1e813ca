using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Compatibility;

/// <summary>
/// Compares a source table with its destination table the way Microsoft reports a mismatch (code 50011):
/// <c>[column]PK,T,L</c>, where PK means the column is in one primary key and not the other, T that the
/// destination has no column of a compatible type (or no such column), L that its length is too short.
/// The SL <c>tstamp</c> (rowversion) column is not copied and is ignored.
/// </summary>
public static class ColumnAlignment
{
    public const string IgnoredColumn = "tstamp";

    /// <summary>One misaligned column: its name, its flags and both types (null when absent).</summary>
    public sealed record Mismatch(string Column, IReadOnlyList<string> Flags, string? SourceType, string? DestinationType)
    {
        /// <summary>Microsoft's format: <c>[Descr]L</c>, <c>[CpnyID]PK,T</c>.</summary>
        public override string ToString() => "[" + Column + "]" + string.Join(",", Flags);
    }

    public static IReadOnlyList<Mismatch> Compare(TableSchema source, TableSchema destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var comparer = StringComparer.OrdinalIgnoreCase;
        var sourceKey = new HashSet<string>(source.PrimaryKey, comparer);
        var destinationKey = new HashSet<string>(destination.PrimaryKey, comparer);
        var result = new List<Mismatch>();
        var byName = new Dictionary<string, ColumnSchema>(destination.Columns.Count, comparer);
        foreach (var c in destination.Columns)
        {
            byName.TryAdd(c.Name, c);
        }

        foreach (var column in source.Columns)
        {
            if (comparer.Equals(column.Name, IgnoredColumn) || SqlType.Parse(column.SqlType).Family == SqlTypeFamily.RowVersion)
            {
                continue;
            }

            var target = byName.GetValueOrDefault(column.Name);
            var flags = new List<string>();
            if (sourceKey.Contains(column.Name) != destinationKey.Contains(column.Name))
            {
                flags.Add("PK");
            }

            if (target is null)
            {
                flags.Add("T");
            }
            else
            {
                var from = SqlType.Parse(column.SqlType);
                var to = SqlType.Parse(target.SqlType);
                if (!TypesCompatible(from, to))
                {
                    flags.Add("T");
                }
                else if (!LengthFits(from, to))
                {
                    flags.Add("L");
                }
            }

            if (flags.Count > 0)
            {
                result.Add(new Mismatch(column.Name, flags, column.SqlType, target?.SqlType));
            }
        }

        // Key columns of the destination the source does not have at all.
        foreach (var key in destination.PrimaryKey.Where(k => !source.Columns.Any(c => comparer.Equals(c.Name, k))))
        {
            result.Add(new Mismatch(key, ["PK"], null, byName.GetValueOrDefault(key)?.SqlType));
        }

        return result;
    }

    /// <summary>Whether every value of the source type has a faithful value in the destination type.</summary>
    public static bool TypesCompatible(SqlType source, SqlType destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return (source.Family, destination.Family) switch
        {
            (SqlTypeFamily.Unknown, _) or (_, SqlTypeFamily.Unknown) => string.Equals(source.Name, destination.Name, StringComparison.OrdinalIgnoreCase),
            (SqlTypeFamily.Integer, SqlTypeFamily.Integer or SqlTypeFamily.Number) => true,
            (SqlTypeFamily.Guid, SqlTypeFamily.Text) => destination.Length is null or SqlType.Max or >= 36,
            var (from, to) => from == to,
        };
    }

    /// <summary>Whether a text or binary destination is long enough; other families have no length to compare.</summary>
    public static bool LengthFits(SqlType source, SqlType destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.Family is not (SqlTypeFamily.Text or SqlTypeFamily.Binary) || destination.Length is null or SqlType.Max)
        {
            return true;
        }

        return source.Length is { } n && n != SqlType.Max && n <= destination.Length;
    }
}
