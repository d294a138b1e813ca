using System.Security.Cryptography;
using System.Text;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// AES-GCM (256-bit key, 96-bit random nonce, 128-bit tag) for the secrets of a factory store. A protected value
/// is text: <c>cmenc1:</c> + base64(nonce | tag | ciphertext). The associated data names where the value belongs
/// (for example the IR and key name), so a value copied into another row does not decrypt.
/// </summary>
internal sealed class SecretProtector
{
    public const string Prefix = "cmenc1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key;
    private readonly string storePath;

    public SecretProtector(byte[] key, string storePath)
    {
        this.key = key;
        this.storePath = storePath;
    }

    public static bool IsProtected(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string plaintext, string context)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return ProtectBytes(plain, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Encrypts bytes (the caller zeroes them when done).</summary>
    public string ProtectBytes(ReadOnlySpan<byte> plain, string context)
    {
        var blob = new byte[NonceSize + TagSize + plain.Length];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), Context(context));
        return Prefix + Convert.ToBase64String(blob);
    }

    /// <summary>Decrypts; the caller zeroes the returned bytes when done.</summary>
    public byte[] UnprotectBytes(string protectedValue, string context)
    {
        byte[] blob;
        try
        {
            blob = SecretProtector.IsProtected(protectedValue) ? Convert.FromBase64String(protectedValue[Prefix.Length..]) : [];
        }
        catch (FormatException)
        {
            blob = [];
        }

        if (blob.Length < NonceSize + TagSize)
        {
            throw Tampered(context, null);
        }

        var plain = new byte[blob.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, Context(context));
            return plain;
        }
        catch (CryptographicException ex)
        {
            throw Tampered(context, ex);
        }
    }

    public string Unprotect(string protectedValue, string context)
    {
        var plain = UnprotectBytes(protectedValue, context);
        try
        {
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] Context(string context) => Encoding.UTF8.GetBytes(context.ToLowerInvariant());

    private CmException Tampered(string context, Exception? inner) =>
        new(ErrorIds.FactoryStoreUnavailable, CmErrorCategory.InvalidData,
            $"A secret in the factory store '{storePath}' ({context}) cannot be decrypted: the store or its key file was changed or replaced.",
            "Restore the store and its key file together from a backup, or set the secret again.", storePath, inner);
}
