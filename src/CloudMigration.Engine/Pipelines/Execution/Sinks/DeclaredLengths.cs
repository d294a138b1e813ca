using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>
/// SQLite keeps any text in any column; SQL Server refuses a value longer than its column's declared length (error 2628,
/// "String or binary data would be truncated"), trailing spaces aside. A SQLite sink enforces the lengths its table
/// declares (char, varchar, nchar, nvarchar with a length) as it writes each row, so a copy into the local stand-in of a
/// SQL Server table fails where the real one would. The check costs one length comparison per text value.
/// </summary>
internal sealed class DeclaredLengths
{
    private readonly string table;
    private readonly string[] columns;
    private readonly string[] types;
    private readonly int[] limits;   // -1: no limit

    private DeclaredLengths(string table, string[] columns, string[] types, int[] limits)
    {
        this.table = table;
        this.columns = columns;
        this.types = types;
        this.limits = limits;
    }

    /// <summary>The limits of the written columns, in row order; null when none of them declares a length.</summary>
    public static DeclaredLengths? For(string table, IReadOnlyList<string> written, IReadOnlyList<SinkColumn> declared)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(declared);
        var types = written.Select(c => declared.FirstOrDefault(d => string.Equals(d.Name, c, StringComparison.OrdinalIgnoreCase))?.Type ?? string.Empty).ToArray();
        var limits = types.Select(Of).ToArray();
        return limits.Any(l => l >= 0) ? new DeclaredLengths(table, written.ToArray(), types, limits) : null;
    }

    /// <summary>The declared length of a text type name (nvarchar(10): 10), or -1 when it declares none (or max).</summary>
    public static int Of(string type) => Sql.SqlType.Parse(type ?? string.Empty).CharacterLength is > 0 and var length ? length : -1;

    /// <summary>Throws ValueTooLong for the first text value of the row longer than its column allows.</summary>
    public void Check(object?[] row)
    {
        for (var i = 0; i < limits.Length; i++)
        {
            if (limits[i] >= 0 && row[i] is string text && text.Length > limits[i] && text.TrimEnd(' ').Length > limits[i])
            {
                var shown = text.Length > 40 ? text[..40] + "..." : text;
                throw new ActivityFailure(ErrorIds.ValueTooLong,
                    $"String or binary data would be truncated in table '{table}', column '{columns[i]}': a value of {text.TrimEnd(' ').Length} characters " +
                    $"does not fit {types[i]}. Truncated value: '{shown}'.");
            }
        }
    }
}
