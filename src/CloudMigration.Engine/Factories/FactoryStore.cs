using System.Security.Cryptography;
using CloudMigration.Engine.Errors;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The one SQLite file that holds every local data factory: factories, integration runtimes with their keys
/// and nodes, linked services / datasets / pipelines (ADF JSON), pipeline runs and activity runs.
/// <para>
/// Where: the path given to <see cref="Open"/>, else the environment variable <c>CM_FACTORY_STORE</c>, else
/// <see cref="Environment.SpecialFolder.LocalApplicationData"/>/CloudMigration/factories.db: <c>%LOCALAPPDATA%\CloudMigration</c> on
/// Windows, <c>~/.local/share/CloudMigration</c> on Linux, <c>~/Library/Application Support/CloudMigration</c> on macOS. Beside it lives the key file
/// (<c>factories.db.key</c>, see <see cref="KeyFilePath"/>) that encrypts IR keys and linked-service secrets
/// (AES-GCM, 256-bit): readable by the user only.
/// </para>
/// <para>
/// Several processes may use one store at once: the file is in WAL mode, every connection waits for a busy
/// database (<see cref="FactoryStoreOptions.BusyTimeout"/>), every write is one short <c>BEGIN IMMEDIATE</c>
/// transaction, and nothing is cached in memory: every call reads the file. An instance holds no open
/// connection, so it needs no disposing.
/// </para>
/// </summary>
public sealed class FactoryStore
{
    /// <summary>The environment variable that names the store when no path is given.</summary>
    public const string EnvironmentVariable = "CM_FACTORY_STORE";

    /// <summary>The file name of the store in the user's profile.</summary>
    public const string DefaultFileName = "factories.db";

    private const string KeyCheckName = "key_check";
    private const string KeyCheckValue = "CloudMigration factory store key";

    private readonly string connectionString;

    private FactoryStore(string path, FactoryStoreOptions options)
    {
        Path = path;
        Options = options;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string Path { get; }

    /// <summary>The key file that encrypts the store's secrets: the store's path with ".key" appended.</summary>
    public string KeyFilePath => FactoryKeyFile.PathFor(Path);

    public FactoryStoreOptions Options { get; }

    internal SecretProtector Protector { get; private set; } = null!;

    internal DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>Where the store lives: <paramref name="path"/>, else <c>CM_FACTORY_STORE</c>, else the user's profile.</summary>
    public static string ResolvePath(string? path = null)
    {
        var chosen = !string.IsNullOrWhiteSpace(path) ? path
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultPath();
        return System.IO.Path.GetFullPath(chosen);
    }

    /// <summary>
    /// Opens the store, creating the file, its schema and its key file on first use. Throws
    /// <c>FactoryStoreUnavailable</c> when the file cannot be created or read, is not a store, was written by a
    /// newer version, or does not match its key file.
    /// </summary>
    public static FactoryStore Open(string? path = null, FactoryStoreOptions? options = null)
    {
        var fullPath = ResolvePath(path);
        options ??= new FactoryStoreOptions();
        try
        {
            if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } folder && !Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(fullPath, $"The folder of the factory store '{fullPath}' cannot be created: {ex.Message}", ex);
        }

        var isNew = !File.Exists(fullPath);
        var store = new FactoryStore(fullPath, options);
        store.Initialize();
        if (isNew && !OperatingSystem.IsWindows() && File.Exists(fullPath))
        {
            // The secrets inside are encrypted, but the store is the user's own: nobody else needs to read it.
            File.SetUnixFileMode(fullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return store;
    }

    internal T Read<T>(Func<StoreConnection, T> read) => Run(read, "BEGIN");

    internal T Write<T>(Func<StoreConnection, T> write) => Run(write, "BEGIN IMMEDIATE");

    internal void Write(Action<StoreConnection> write) => Run(db => { write(db); return 0; }, "BEGIN IMMEDIATE");

    private static string DefaultPath()
    {
        var profile = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(profile))
        {
            throw Unavailable(DefaultFileName, "The user's local application data folder is not known, so the factory store has no default place.",
                null, $"Name the store with -StorePath or the environment variable {EnvironmentVariable}.");
        }

        return System.IO.Path.Combine(profile, "CloudMigration", DefaultFileName);
    }

    private void Initialize()
    {
        try
        {
            using (var connection = OpenConnection())
            {
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            // Usually the store exists: check it with a read, and write only to create or upgrade it.
            var existingCheck = Read(db => db.Count("PRAGMA user_version;") == FactoryStoreSchema.Version
                ? db.Scalar("SELECT value FROM meta WHERE key = $key;", ("$key", KeyCheckName)) as string
                : null);
            if (existingCheck is not null)
            {
                UseKey(existingCheck);
                return;
            }

            Write(db =>
            {
                var version = db.Count("PRAGMA user_version;");
                if (version > FactoryStoreSchema.Version)
                {
                    throw Unavailable(Path, $"The factory store '{Path}' has schema version {version}; this version of CloudMigration reads version {FactoryStoreSchema.Version} and older.",
                        null, "Use a newer version of CloudMigration, or another store path.");
                }

                if (version == 0)
                {
                    db.Execute(FactoryStoreSchema.CreateV1);
                }

                if (version < 2)
                {
                    db.Execute(FactoryStoreSchema.UpgradeToV2);
                }

                if (version < 3)
                {
                    db.Execute(FactoryStoreSchema.UpgradeToV3);
                    db.Execute($"PRAGMA user_version = {FactoryStoreSchema.Version};");
                }

                var check = db.Scalar("SELECT value FROM meta WHERE key = $key;", ("$key", KeyCheckName)) as string;
                if (check is null)
                {
                    Protector = new SecretProtector(FactoryKeyFile.LoadOrCreate(KeyFilePath), Path);
                    db.Execute("INSERT INTO meta (key, value) VALUES ($key, $value);", ("$key", KeyCheckName), ("$value", Protector.Protect(KeyCheckValue, KeyCheckName)));
                    return;
                }

                UseKey(check);
            });
        }
        catch (CmException)
        {
            throw;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw Unavailable(Path, $"The factory store '{Path}' cannot be opened: {ex.Message}", ex);
        }
    }

    private void UseKey(string check)
    {
        var key = FactoryKeyFile.Load(KeyFilePath)
            ?? throw Unavailable(Path, $"The key file '{KeyFilePath}' of the factory store '{Path}' is missing, so the secrets in the store cannot be read.",
                null, "Restore the key file from the backup taken with the store, or use a new store path and register the factories again.");
        Protector = new SecretProtector(key, Path);
        try
        {
            _ = Protector.Unprotect(check, KeyCheckName);
        }
        catch (CmException ex)
        {
            CryptographicOperations.ZeroMemory(key);
            throw Unavailable(Path, $"The key file '{KeyFilePath}' does not belong to the factory store '{Path}'.", ex,
                "Restore the key file that was created with this store, or use a new store path.");
        }
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {(long)Options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private T Run<T>(Func<StoreConnection, T> work, string begin)
    {
        try
        {
            using var connection = OpenConnection();
            var db = new StoreConnection(connection);
            db.Execute(begin + ";");
            try
            {
                var result = work(db);
                db.Execute("COMMIT;");
                return result;
            }
            catch
            {
                try
                {
                    db.Execute("ROLLBACK;");
                }
                catch (SqliteException)
                {
                    // SQLite may already have rolled back (for example after SQLITE_FULL); the original error matters.
                }

                throw;
            }
        }
        catch (SqliteException ex)
        {
            var busy = ex.SqliteErrorCode is 5 or 6;
            throw Unavailable(Path,
                busy ? $"The factory store '{Path}' stayed busy for more than {Options.BusyTimeout.TotalSeconds:0} seconds: another process is writing to it."
                     : $"The factory store '{Path}' cannot be read or written: {ex.Message}",
                ex, busy ? "Try again; if it persists, look for a process that holds the store open." : null);
        }
    }

    private static CmException Unavailable(string path, string message, Exception? inner, string? action = null) =>
        new(ErrorIds.FactoryStoreUnavailable, CmErrorCategory.ResourceUnavailable, message,
            action ?? "Check that the store path is a folder you can write to and the file is a CloudMigration factory store (or remove it to start afresh).",
            path, inner);
}
