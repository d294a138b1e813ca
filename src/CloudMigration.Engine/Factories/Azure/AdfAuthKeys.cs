using System.Buffers;
using System.Security;
using System.Text.Json;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// Reads listAuthKeys / regenerateAuthKey answers (<c>{"authKey1": .., "authKey2": ..}</c>) straight from the body's
/// bytes into SecureStrings: the keys never become managed strings, and the caller zeroes the body.
/// </summary>
internal static class AdfAuthKeys
{
    /// <summary>The keys found in <paramref name="body"/> by canonical name (authKey1, authKey2); absent ones are missing.</summary>
    public static Dictionary<string, SecureString> Read(byte[] body)
    {
        var keys = new Dictionary<string, SecureString>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return keys;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = IntegrationRuntimeAuthKey.CanonicalKeyName(reader.GetString());
                if (!reader.Read())
                {
                    break;
                }

                if (name is not null && reader.TokenType == JsonTokenType.String)
                {
                    keys[name] = Secure(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return keys;
        }
        catch (JsonException)
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }

            throw;
        }
    }

    private static SecureString Secure(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, length));
        try
        {
            var written = reader.CopyString(chars);
            var secure = new SecureString();
            foreach (var c in chars.AsSpan(0, written))
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
        finally
        {
            Array.Clear(chars);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
