using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// Accepts exactly one server certificate, named by its SHA-256 thumbprint: how the client trusts a local emulator's
/// self-signed certificate without trusting anything else. Used only when a thumbprint is configured.
/// </summary>
internal static class CertificatePinning
{
    private const int Sha256HexLength = 64;

    /// <summary>The thumbprint in upper-case hex without separators; <c>AzureEndpointInvalid</c> when it is not 32 bytes of hex.</summary>
    public static string Normalize(string thumbprint)
    {
        var hex = new string(thumbprint.Where(c => c is not (':' or ' ' or '-')).ToArray()).ToUpperInvariant();
        if (hex.Length != Sha256HexLength || !hex.All(Uri.IsHexDigit))
        {
            throw new CmException(ErrorIds.AzureEndpointInvalid, CmErrorCategory.InvalidArgument,
                $"'{thumbprint}' is not a SHA-256 certificate thumbprint (64 hexadecimal digits).",
                "Give the SHA-256 thumbprint the emulator printed when it started.", thumbprint);
        }

        return hex;
    }

    /// <summary>Whether <paramref name="certificate"/> is the pinned one (compared in constant time).</summary>
    public static bool Matches(X509Certificate2? certificate, string normalizedThumbprint)
    {
        if (certificate is null)
        {
            return false;
        }

        var actual = certificate.GetCertHash(HashAlgorithmName.SHA256);
        var expected = Convert.FromHexString(normalizedThumbprint);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A transport whose handler accepts only the pinned certificate. The caller disposes it.</summary>
    public static HttpClientTransport CreateTransport(string thumbprint)
    {
        var pinned = Normalize(thumbprint);
#pragma warning disable CA2000 // the transport owns the handler and disposes it with itself
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => Matches(certificate, pinned),
        };
#pragma warning restore CA2000
        return new HttpClientTransport(handler);
    }
}
