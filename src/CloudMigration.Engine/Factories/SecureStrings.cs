using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace CloudMigration.Engine.Factories;

/// <summary>Moves secrets between SecureString and byte buffers without leaving copies in managed strings where it can.</summary>
internal static class SecureStrings
{
    /// <summary>A read-only SecureString of UTF-8 <paramref name="utf8"/>.</summary>
    public static SecureString FromUtf8(ReadOnlySpan<byte> utf8)
    {
        var chars = new char[Encoding.UTF8.GetCharCount(utf8)];
        try
        {
            Encoding.UTF8.GetChars(utf8, chars);
            var secure = new SecureString();
            foreach (var c in chars)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    /// <summary>The UTF-8 bytes of <paramref name="secure"/>; the caller zeroes them when done.</summary>
    public static byte[] ToUtf8(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        var chars = new char[secure.Length];
        try
        {
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return Encoding.UTF8.GetBytes(chars);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            Array.Clear(chars);
        }
    }

    /// <summary>Zeroes a buffer that held a secret.</summary>
    public static void Clear(byte[]? buffer)
    {
        if (buffer is not null)
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
