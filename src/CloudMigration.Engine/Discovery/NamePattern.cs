using System.Text;
using System.Text.RegularExpressions;

namespace CloudMigration.Engine.Discovery;

/// <summary>PowerShell-style wildcards (<c>*</c>, <c>?</c>, <c>[a-c]</c>, backtick escapes), case-insensitive.</summary>
public sealed class NamePattern
{
    private readonly Regex regex;

    public NamePattern(string pattern)
    {
        Pattern = pattern;
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '`' when i + 1 < pattern.Length:
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '*':
                    sb.Append(".*");
                    HasWildcards = true;
                    break;
                case '?':
                    sb.Append('.');
                    HasWildcards = true;
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close > i + 1)
                    {
                        HasWildcards = true;
                        sb.Append('[').Append(pattern[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                        i = close;
                    }
                    else
                    {
                        sb.Append(Regex.Escape("["));
                    }

                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex = new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Pattern { get; }

    /// <summary>Whether the pattern has an unescaped wildcard (an exact name selects even inactive companies and must match).</summary>
    public bool HasWildcards { get; }

    /// <summary>A pattern that matches exactly <paramref name="name"/>: wildcard characters escaped with a backtick.</summary>
    public static string Escape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '*' or '?' or '[' or ']' or '`')
            {
                sb.Append('`');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    public bool IsMatch(string? value) => value is not null && regex.IsMatch(value);

    /// <summary>The names without wildcards that match none of the items (Get-Item semantics: wildcards never "fail").</summary>
    public static IReadOnlyList<string> Unmatched<T>(IEnumerable<string> names, IReadOnlyCollection<T> items, Func<T, IEnumerable<string?>> keys) =>
        names.Select(n => new NamePattern(n))
             .Where(p => !p.HasWildcards && !items.Any(item => keys(item).Any(p.IsMatch)))
             .Select(p => p.Pattern)
             .ToArray();
}
