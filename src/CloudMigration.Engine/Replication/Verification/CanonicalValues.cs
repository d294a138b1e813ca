using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace CloudMigration.Engine.Replication.Verification;

/// <summary>
/// Canonical values (from <see cref="ColumnConversion"/>): ordering keys and checksumming rows. Keys order the way the
/// verification queries sort them: null first, numbers by value, text by code point (SQLite's BINARY collation, a BIN2
/// collation on SQL Server), dates by time.
/// </summary>
internal static class CanonicalValues
{
    public static int CompareKeys(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    public static int Compare(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null): return 0;
            case (null, _): return -1;
            case (_, null): return 1;
            case (string x, string y): return CompareCodePoints(x, y);
            case (long x, long y): return x.CompareTo(y);
            case (long or double, long or double): return Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture));
            case (DateTime x, DateTime y): return x.CompareTo(y);
            case (Guid x, Guid y): return CompareCodePoints(x.ToString("D"), y.ToString("D"));
            case (byte[] x, byte[] y): return x.AsSpan().SequenceCompareTo(y);
            default: return string.CompareOrdinal(a.GetType().Name, b.GetType().Name);
        }
    }

    /// <summary>Orders by Unicode code point, as UTF-8 bytes do (UTF-16 code units put U+E000..U+FFFF after the supplementary planes).</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                return char.IsSurrogate(x) == char.IsSurrogate(y) ? x.CompareTo(y) : char.IsSurrogate(x) ? 1 : -1;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public static string Describe(IReadOnlyList<string> names, object?[] key) =>
        string.Join(", ", names.Select((n, i) => n + "=" + key[i] switch
        {
            null => "NULL",
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFF", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('.'),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            byte[] bytes => "0x" + Convert.ToHexString(bytes),
            var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        }));
}

/// <summary>A 128-bit checksum of a row's canonical values (SHA-256 of a tagged encoding, truncated): equal rows, equal checksums.</summary>
internal sealed class RowChecksum
{
    private byte[] buffer = new byte[1024];
    private int length;

    public (ulong, ulong) Of(object?[] values)
    {
        length = 0;
        foreach (var value in values)
        {
            switch (value)
            {
                case null: Tag(0); break;
                case string s: Tag(1); Int(s.Length); Bytes(MemoryMarshal.AsBytes(s.AsSpan())); break;
                case long n: Tag(2); Long(n); break;
                case double d: Tag(3); Long(BitConverter.DoubleToInt64Bits(d)); break;
                case DateTime t: Tag(4); Long(t.Ticks); break;
                case Guid g: Tag(5); Bytes(g.ToByteArray()); break;
                case byte[] b: Tag(6); Int(b.Length); Bytes(b); break;
                default: Tag(7); Bytes(Encoding.UTF8.GetBytes(value.ToString() ?? string.Empty)); break;
            }
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.AsSpan(0, length), hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
    }

    private void Tag(byte tag) => Bytes([tag]);

    private void Int(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Bytes(bytes);
    }

    private void Long(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Bytes(bytes);
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (length + bytes.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes.Length));
        }

        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }
}
