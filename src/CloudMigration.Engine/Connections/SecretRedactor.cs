using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CloudMigration.Engine.Connections;

/// <summary>
/// Removes secrets from any text before it leaves the engine: values of secret connection-string
/// keywords, bearer tokens, integration runtime keys, and every literal secret registered with
/// <see cref="Register"/> (passwords the user typed into a connection string, for example).
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "********";

    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    /// <summary>Remembers a literal secret so that it is masked wherever it appears later.</summary>
    public static void Register(string? secret)
    {
        // Very short values would mask ordinary words; they are still caught by the keyword pattern.
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
        {
            Secrets.TryAdd(secret, 0);
        }
    }

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = SecretKeywordPattern().Replace(text, m => m.Groups["key"].Value + Mask);
        result = BearerPattern().Replace(result, "Bearer " + Mask);
        result = IrKeyPattern().Replace(result, "IR@" + Mask);
        foreach (var secret in Secrets.Keys)
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return result;
    }

    // Password=..., Pwd=..., AccessToken=..., Shared Access Key=..., Account Key=... up to ';' or end;
    // a value in quotes may contain ';' and doubled quotes; a quote that is never closed runs to the end.
    [GeneratedRegex("""(?<key>\b(?:password|pwd|access\s*token|accesstoken|client\s*secret|account\s*key|shared\s*access\s*key|sig)\s*=\s*)(?:"(?:[^"]|"")*(?:"|$)|'(?:[^']|'')*(?:'|$)|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKeywordPattern();

    [GeneratedRegex(@"\bBearer\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"\bIR@[^\s""',;]+", RegexOptions.CultureInvariant)]
    private static partial Regex IrKeyPattern();
}
