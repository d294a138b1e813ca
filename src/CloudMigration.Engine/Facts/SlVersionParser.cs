using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudMigration.Engine.Facts;

/// <summary>
/// Reads the Dynamics SL major version from what the system database's getVersion returns. Its columns are
/// not documented, so this looks, in order, for a MajorVersion (or Major) column, a version number such as
/// 9.0.5123 in any text column, and a product year (SL 2011 = 8, SL 2015 = 9, SL 2018 = 10).
/// </summary>
public static partial class SlVersionParser
{
    private static readonly Dictionary<int, int> Years = new() { [2011] = 8, [2015] = 9, [2018] = 10 };

    public static int? MajorVersion(IReadOnlyDictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var name in new[] { "MajorVersion", "Major", "VersionMajor" })
        {
            var value = row.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (value is not null and not DBNull && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var major))
            {
                return major;
            }
        }

        var texts = row.Values.OfType<string>().ToArray();
        foreach (var text in texts)
        {
            var match = VersionNumber().Match(text);
            if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major is > 3 and < 50)
            {
                return major;
            }
        }

        foreach (var text in texts)
        {
            foreach (var year in Years)
            {
                if (text.Contains(year.Key.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    return year.Value;
                }
            }
        }

        return null;
    }

    /// <summary>The row as one line of text, for messages.</summary>
    public static string Describe(IReadOnlyDictionary<string, object?> row) =>
        string.Join(", ", row.Where(kv => kv.Value is not null and not DBNull).Select(kv => kv.Key + "=" + Convert.ToString(kv.Value, CultureInfo.InvariantCulture)?.Trim()));

    [GeneratedRegex(@"\b(\d{1,2})\.\d{1,2}(?:\.\d+)*\b", RegexOptions.CultureInvariant)]
    private static partial Regex VersionNumber();
}
