using System.Security.Cryptography;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The 256-bit key that encrypts the secrets of a factory store: 32 random bytes in a file next to the store
/// (<c>factories.db.key</c> beside <c>factories.db</c>). On Unix the file is created readable and writable by its
/// owner only (0600); on Windows it inherits the ACL of the user's profile folder. Whoever can read this file
/// and the store can read the secrets: keep both in the user's profile, and back them up together.
/// </summary>
internal static class FactoryKeyFile
{
    public const int KeySize = 32;

    /// <summary>The key file of a store: its path with ".key" appended.</summary>
    public static string PathFor(string storePath) => storePath + ".key";

    /// <summary>Reads the key, or null when the file does not exist.</summary>
    public static byte[]? Load(string keyPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(keyPath);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(keyPath, $"The key file '{keyPath}' of the factory store cannot be read: {ex.Message}", ex);
        }

        if (bytes.Length != KeySize)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw Unavailable(keyPath, $"The key file '{keyPath}' of the factory store is not a key: it holds {bytes.Length} bytes, not {KeySize}.", null);
        }

        return bytes;
    }

    /// <summary>Reads the key, creating it first when it does not exist (atomically: a second process reads the first one's key).</summary>
    public static byte[] LoadOrCreate(string keyPath)
    {
        if (Load(keyPath) is { } existing)
        {
            return existing;
        }

        var key = RandomNumberGenerator.GetBytes(KeySize);
        var temp = keyPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, keyPath, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(keyPath))
        {
            // Another process created it first: use theirs.
            CryptographicOperations.ZeroMemory(key);
            return Load(keyPath) ?? throw Unavailable(keyPath, $"The key file '{keyPath}' of the factory store disappeared while it was being created.", null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CryptographicOperations.ZeroMemory(key);
            throw Unavailable(keyPath, $"The key file '{keyPath}' of the factory store cannot be created: {ex.Message}", ex);
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Left behind: it holds nothing the key file does not.
            }
        }
    }

    private static CmException Unavailable(string keyPath, string message, Exception? inner) =>
        new(ErrorIds.FactoryStoreUnavailable, CmErrorCategory.ResourceUnavailable, message,
            "Check the permissions of the folder that holds the factory store, or restore the key file from the backup taken with the store.",
            keyPath, inner);
}
