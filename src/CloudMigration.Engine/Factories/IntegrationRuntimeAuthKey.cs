using System.Security.Cryptography;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The shape of a local IR authentication key, like ADF's: <c>IR@&lt;IR id&gt;@&lt;factory&gt;@local@&lt;base64 of 32 random bytes&gt;</c>.
/// The id names the integration runtime (a new one after delete and re-create), the factory is the registered name;
/// only the last part is secret, but the whole key is treated as one secret.
/// </summary>
internal static class IntegrationRuntimeAuthKey
{
    public const string Location = "local";

    public const string AuthKey1 = "authKey1";

    public const string AuthKey2 = "authKey2";

    private const int SecretBytes = 32;

    public static string Generate(string runtimeId, string factory) =>
        $"IR@{runtimeId}@{factory}@{Location}@{Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes))}";

    /// <summary>Reads the IR id and factory name from a key's shape (no secret is returned).</summary>
    public static bool TryParse(ReadOnlySpan<char> key, out string runtimeId, out string factory)
    {
        runtimeId = factory = string.Empty;
        Span<Range> parts = stackalloc Range[6];
        if (key.Split(parts, '@') != 5 || !key[parts[0]].SequenceEqual("IR") || key[parts[4]].Length == 0)
        {
            return false;
        }

        if (!Guid.TryParseExact(key[parts[1]], "D", out var id) || !AdfNames.IsValidFactoryOrRuntimeName(key[parts[2]].ToString()))
        {
            return false;
        }

        runtimeId = id.ToString("D");
        factory = key[parts[2]].ToString();
        return true;
    }

    /// <summary>The ADF key name in its canonical spelling, or null when it is neither authKey1 nor authKey2.</summary>
    public static string? CanonicalKeyName(string? keyName) =>
        string.Equals(keyName, AuthKey1, StringComparison.OrdinalIgnoreCase) ? AuthKey1
        : string.Equals(keyName, AuthKey2, StringComparison.OrdinalIgnoreCase) ? AuthKey2
        : null;

    /// <summary>The encryption context of a stored key.</summary>
    public static string ContextOf(string factory, string runtime, string keyName) => $"irkey:{factory}/{runtime}/{keyName}";
}
