using System.Globalization;

namespace CloudMigration.Engine.Sql;

/// <summary>
/// A declared column type such as <c>char(10)</c>, <c>nvarchar(max)</c> or <c>decimal(38,20)</c>, parsed into
/// its name, length and family. Both providers report types this way (SQL Server from sys.types and
/// max_length, SQLite from the declared type), so schema comparison is written once.
/// </summary>
public sealed record SqlType(string Name, int? Length, int? Precision, int? Scale)
{
    /// <summary>Length for (max) types.</summary>
    public const int Max = -1;

    public SqlTypeFamily Family => Name switch
    {
        "char" or "varchar" or "nchar" or "nvarchar" or "text" or "ntext" or "sysname" or "xml" => SqlTypeFamily.Text,
        "bit" or "tinyint" or "smallint" or "int" or "integer" or "bigint" => SqlTypeFamily.Integer,
        "decimal" or "numeric" or "float" or "real" or "money" or "smallmoney" or "double" => SqlTypeFamily.Number,
        "date" or "datetime" or "datetime2" or "smalldatetime" or "datetimeoffset" or "time" => SqlTypeFamily.DateTime,
        "uniqueidentifier" => SqlTypeFamily.Guid,
        "binary" or "varbinary" or "image" or "blob" => SqlTypeFamily.Binary,
        "timestamp" or "rowversion" => SqlTypeFamily.RowVersion,
        _ => SqlTypeFamily.Unknown,
    };

    /// <summary>Whether a single value can exceed 8,000 bytes (text, ntext, image, xml and the (max) types).</summary>
    public bool IsLargeValue => Name is "text" or "ntext" or "image" or "xml" || Length == Max;

    /// <summary>Characters a text type holds (null: unknown or not text).</summary>
    public int? CharacterLength => Family == SqlTypeFamily.Text ? Length : null;

    // A database has a few dozen distinct declared types; planning 18,000 tables parses each millions of times.
    private const int CacheLimit = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqlType> Cache = new(StringComparer.Ordinal);

    /// <summary>Parses a declared type: <c>char(10)</c>, <c>NVARCHAR (MAX)</c>, <c>decimal(38, 20)</c>, <c>float</c>.</summary>
    public static SqlType Parse(string declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        if (Cache.TryGetValue(declared, out var cached))
        {
            return cached;
        }

        var parsed = ParseText(declared);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(declared, parsed);
        }

        return parsed;
    }

    private static SqlType ParseText(string declared)
    {
        var text = declared.Trim().ToLowerInvariant();
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return new SqlType(text, null, null, null);
        }

        var name = text[..open].Trim();
        var close = text.IndexOf(')', open);
        var args = text[(open + 1)..(close < 0 ? text.Length : close)].Split(',', StringSplitOptions.TrimEntries);
        int? first = args[0] == "max" ? Max : int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        int? second = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return name is "decimal" or "numeric"
            ? new SqlType(name, null, first, second)
            : new SqlType(name, first, null, null);
    }

    /// <summary>
    /// From SQL Server's catalog: the system type name and sys.columns.max_length (bytes; -1 for max),
    /// precision and scale. n-types store two bytes per character.
    /// </summary>
    public static SqlType FromCatalog(string typeName, int? maxLength, int? precision, int? scale)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var name = typeName.Trim().ToLowerInvariant();
        return name switch
        {
            "char" or "varchar" or "binary" or "varbinary" => new SqlType(name, maxLength, null, null),
            "nchar" or "nvarchar" => new SqlType(name, maxLength is null or Max ? maxLength : maxLength / 2, null, null),
            "decimal" or "numeric" => new SqlType(name, null, precision, scale),
            _ => new SqlType(name, null, null, null),
        };
    }

    public override string ToString() => Name + (Length switch
    {
        Max => "(max)",
        { } n => "(" + n.ToString(CultureInfo.InvariantCulture) + ")",
        _ => Precision is { } p ? "(" + p.ToString(CultureInfo.InvariantCulture) + (Scale is { } s ? "," + s.ToString(CultureInfo.InvariantCulture) : string.Empty) + ")" : string.Empty,
    });
}
