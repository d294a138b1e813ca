using System.Globalization;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Sample;

/// <summary>Deterministic values for SL columns: the same seed, table and row always give the same value.</summary>
internal sealed class SampleValues(int seed)
{
    private const string KeyAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static readonly DateTime BaseDate = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly string[] Words = ["ACME", "NORTH", "SOUTH", "MAIN", "SUPPLY", "RETAIL", "WIDGET", "SERVICE", "STEEL", "OFFICE", "FIELD", "METRO"];

    /// <summary>How many distinct keys the key columns of a table can hold.</summary>
    public static long KeyCapacity(SlTable table)
    {
        long capacity = 1;
        foreach (var key in table.PrimaryKey)
        {
            if (string.Equals(key, "CpnyID", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var field = table.Fields.First(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase));
            var one = field.Type == AlType.Text ? (long)Math.Pow(KeyAlphabet.Length, Math.Min(field.Length ?? 1, 4)) : 1_000_000L;
            capacity = capacity > long.MaxValue / one ? long.MaxValue : capacity * one;
        }

        return table.PrimaryKey.Count == 0 ? long.MaxValue : capacity;
    }

    /// <summary>A key value that encodes the row number, so keys never collide.</summary>
    public static object Key(SlField field, int row) => field.Type switch
    {
        AlType.Text => Pad(EncodeKey(row, field.Length ?? 1), field.Length),
        AlType.Date or AlType.DateTime => Format(BaseDate.AddDays(row)),
        AlType.Decimal => (double)row,
        _ => row,
    };

    /// <summary>The flexkey definitions every SL application database has: the account and the sub-account.</summary>
    public static readonly IReadOnlyList<(string FieldClassName, int Segments)> FlexKeys = [("ACCOUNT", 1), ("SUBACCOUNT", 4)];

    /// <summary>Rows a table gets even when the sample asks for none (setup tables SL cannot run without).</summary>
    public static int MinimumRows(SlTable table) => table.Name == "FlexDef" ? FlexKeys.Count : 0;

    /// <summary>A key value that a real SL database always has, for the first rows of a setup table; null for others.</summary>
    public static object? KnownKey(SlTable table, SlField field, int row) =>
        table.Name == "FlexDef" && field.Name == "FieldClassName" && row < FlexKeys.Count ? Pad(FlexKeys[row].FieldClassName, field.Length) : null;

    public object Value(string table, SlField field, int row)
    {
        var h = Hash(table, field.Name, row);
        if (table == "FlexDef")
        {
            // SL flexkeys have at most 8 segments of at most 24 characters in all.
            switch (field.Name)
            {
                case "NumberSegments":
                    return row < FlexKeys.Count ? FlexKeys[row].Segments : 1 + (int)(h % 8);
                case "MaxSegments":
                    return 8;
                case "MaxFieldLen":
                    return 24;
                case var name when name.StartsWith("SegLength", StringComparison.Ordinal):
                    return 1 + (int)(h % 6);
            }
        }

        return field.Type switch
        {
            AlType.Text => Pad(TextValue(field, h, row), field.Length),
            AlType.Decimal => Math.Round((h % 10_000_000) / 100.0, 2),
            AlType.Integer => (int)(h % 1000),
            AlType.Boolean => (int)(h % 2),
            AlType.Date => Format(BaseDate.AddDays(h % 2000)),
            AlType.DateTime => Format(BaseDate.AddMinutes(h % (2000 * 24 * 60))),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }

    /// <summary>SL char columns are fixed-width: values come back padded with spaces, as from SQL Server.</summary>
    public static string Pad(string value, int? length)
    {
        var n = length ?? value.Length;
        return value.Length >= n ? value[..n] : value.PadRight(n);
    }

    private static string TextValue(SlField field, long h, int row)
    {
        var length = field.Length ?? 1;
        if (length <= 2)
        {
            return KeyAlphabet[(int)(h % 26) + 10].ToString();
        }

        var word = Words[h % Words.Length] + " " + row.ToString(CultureInfo.InvariantCulture);
        return word.Length > length ? word[..length] : word;
    }

    private static string EncodeKey(int row, int length)
    {
        var chars = new char[Math.Min(length, 8)];
        var n = row;
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = KeyAlphabet[n % KeyAlphabet.Length];
            n /= KeyAlphabet.Length;
        }

        return new string(chars);
    }

    private static string Format(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // FNV-1a over the seed, table, column and row: stable across runs and platforms.
    private long Hash(string table, string column, int row)
    {
        unchecked
        {
            var hash = 14695981039346656037UL;
            void Mix(string s)
            {
                foreach (var c in s)
                {
                    hash ^= c;
                    hash *= 1099511628211UL;
                }
            }

            Mix(seed.ToString(CultureInfo.InvariantCulture));
            Mix(table);
            Mix(column);
            Mix(row.ToString(CultureInfo.InvariantCulture));
            return (long)(hash & 0x7FFFFFFFFFFFFFFF);
        }
    }
}
