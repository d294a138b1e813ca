using System.Globalization;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication.Verification;

/// <summary>
/// The documented conversions of one mapped column, applied the same way to the source's and the destination's value
/// before they are compared: text loses SL's trailing space padding; numbers become doubles, rounded to the destination's
/// decimal scale (at most 15 places: a float holds no more); integers (smallint, tinyint, int, bit) become longs; dates
/// become DateTime whether a provider returns them as text (SQLite) or as dates; GUIDs become Guid. The destination's type
/// decides (the source's when the destination is unknown). Values that do not convert stay as text, so they still compare.
/// </summary>
internal sealed class ColumnConversion
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd", "yyyy-MM-dd HH:mm"];

    private readonly int? digits;

    private ColumnConversion(SqlTypeFamily family, int? digits)
    {
        Family = family;
        this.digits = digits;
    }

    public SqlTypeFamily Family { get; }

    public static ColumnConversion For(ColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var source = SqlType.Parse(mapping.SourceType);
        var destination = string.IsNullOrWhiteSpace(mapping.DestinationType) ? source : SqlType.Parse(mapping.DestinationType);
        var family = destination.Family == SqlTypeFamily.Unknown ? source.Family : destination.Family;
        var digits = family == SqlTypeFamily.Number && destination.Scale is { } scale ? Math.Min(scale, 15) : (int?)null;
        return new ColumnConversion(family, digits);
    }

    /// <summary>The value as compared: null, string, long, double, DateTime, Guid or byte[].</summary>
    public object? Canonical(object? value)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        return Family switch
        {
            SqlTypeFamily.Text => Text(value),
            SqlTypeFamily.Integer => Integer(value),
            SqlTypeFamily.Number => Number(value),
            SqlTypeFamily.DateTime => Date(value),
            SqlTypeFamily.Guid => value is Guid g ? g : Guid.TryParse(Text(value), out var parsed) ? parsed : Text(value),
            SqlTypeFamily.Binary or SqlTypeFamily.RowVersion => value as byte[] ?? (object)Text(value),
            _ => value is string s ? s.TrimEnd(' ') : Text(value),
        };
    }

    private static string Text(object value) =>
        (value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).TrimEnd(' ');

    private static object Integer(object value) => value switch
    {
        long or int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        bool flag => flag ? 1L : 0L,
        double d when Math.Abs(d) < 9e15 && Math.Floor(d) == d => (long)d,
        decimal m when decimal.Truncate(m) == m && m is >= long.MinValue and <= long.MaxValue => (long)m,
        double d => d,
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => Text(value),
    };

    private object Number(object value)
    {
        double d;
        switch (value)
        {
            case double x: d = x; break;
            case float f: d = f; break;
            case decimal m: d = (double)m; break;
            case long or int or short or byte or sbyte or ushort or uint or ulong: d = Convert.ToDouble(value, CultureInfo.InvariantCulture); break;
            case bool flag: d = flag ? 1 : 0; break;
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed): d = parsed; break;
            default: return Text(value);
        }

        if (digits is { } places && double.IsFinite(d))
        {
            d = Math.Round(d, places, MidpointRounding.AwayFromZero);
        }

        return d == 0 ? 0d : d; // -0.0 is 0
    }

    private static object Date(object value) => value switch
    {
        DateTime time => time,
        DateTimeOffset offset => offset.UtcDateTime,
        string s when TryParseSortable(s, out var fast) => fast,
        string s when DateTime.TryParseExact(s.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
        _ => Text(value),
    };

    // "yyyy-MM-dd HH:mm:ss", as SQLite holds SL's smalldatetime values: most dates of a verification, parsed without the
    // general parser (a million rows hold millions of them).
    private static bool TryParseSortable(string s, out DateTime value)
    {
        value = default;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        static int Digits(string s, int at, int count)
        {
            var n = 0;
            for (var i = at; i < at + count; i++)
            {
                var d = s[i] - '0';
                if (d is < 0 or > 9)
                {
                    return -1;
                }

                n = (n * 10) + d;
            }

            return n;
        }

        int year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2), hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }
}
