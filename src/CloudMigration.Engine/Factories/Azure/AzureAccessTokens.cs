using System.Collections.Concurrent;
using System.Security;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// Access tokens given with -AccessToken, kept in this process only (never in the store, which other processes and
/// later sessions read): a token expires within the hour, and a runbook gets a new one each run.
/// </summary>
public static class AzureAccessTokens
{
    private static readonly ConcurrentDictionary<string, SecureString> Tokens = new(StringComparer.OrdinalIgnoreCase);

    public static void Set(string factory, SecureString token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var copy = token.Copy();
        copy.MakeReadOnly();
        Tokens[factory] = copy;
    }

    public static SecureString? Get(string factory) => Tokens.TryGetValue(factory, out var token) ? token : null;

    public static void Remove(string factory) => Tokens.TryRemove(factory, out _);
}
