using System.Data.Common;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Connections;

/// <summary>SQLite through Microsoft.Data.Sqlite. A "server" is a folder; a database is a file in it.</summary>
public sealed class SqliteProvider : ISqlProvider
{
    public static readonly SqliteProvider Instance = new();

    /// <summary>
    /// How long a connection waits for another's lock. SQL Server waits for locks without a limit; a SQLite database has one
    /// writer at a time, and a replication run applies one table while others copy into their stages, so a large table's
    /// apply (a million rows take seconds; under load, more) must not fail the tables queued behind it.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromMinutes(5);

    public ISqlDialect Dialect => SqliteDialect.Instance;

    public async Task<DbConnection> OpenAsync(CmEndpoint endpoint, bool write, CancellationToken cancellationToken)
    {
        var path = endpoint.FilePath!;
        if (!File.Exists(path))
        {
            throw new CmException(ErrorIds.DatabaseNotFound, CmErrorCategory.ObjectNotFound,
                $"The SQLite database '{path}' does not exist.",
                "Check the path, or create the sample with New-CmSampleEnvironment -Path <folder>.", endpoint.DisplayString);
        }

        // Never create a file by opening it: a missing database is an error, not an empty database.
        var builder = new SqliteConnectionStringBuilder(endpoint.ConnectionString)
        {
            Mode = write ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = " + ((long)BusyTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Translate(ex, endpoint);
        }
    }

    public Task<bool> DatabaseExistsAsync(CmEndpoint endpoint, string database, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(File.Exists(endpoint.WithDatabase(database).FilePath));
        }
        catch (CmException ex) when (ex.ErrorId == ErrorIds.SqliteDatabaseNameInvalid)
        {
            return Task.FromResult(false); // a name that leads out of the folder names no database of this endpoint
        }
    }

    public CmException Translate(Exception exception, CmEndpoint endpoint)
    {
        if (exception is CmException cm)
        {
            return cm;
        }

        if (exception is SqliteException lite)
        {
            return lite.SqliteErrorCode switch
            {
                14 => new CmException(ErrorIds.DatabaseNotFound, CmErrorCategory.ObjectNotFound,
                    $"The SQLite database '{endpoint.FilePath}' cannot be opened: {lite.Message}",
                    "Check that the file exists and that you may read it.", endpoint.DisplayString, lite),
                26 => new CmException(ErrorIds.NotASqliteDatabase, CmErrorCategory.InvalidData,
                    $"'{endpoint.FilePath}' is not a SQLite database.",
                    "Point the endpoint at a SQLite database file.", endpoint.DisplayString, lite),
                23 or 8 => new CmException(ErrorIds.PermissionDenied, CmErrorCategory.PermissionDenied,
                    $"Access to the SQLite database '{endpoint.FilePath}' was denied: {lite.Message}",
                    "Check the file's permissions.", endpoint.DisplayString, lite),
                _ => new CmException(ErrorIds.ProviderError, CmErrorCategory.NotSpecified,
                    $"SQLite error {lite.SqliteErrorCode} on '{endpoint.FilePath}': {lite.Message}",
                    "Read the message above; if the database is in use by another program, try again when it is done.", endpoint.DisplayString, lite),
            };
        }

        return new CmException(ErrorIds.ProviderError, CmErrorCategory.NotSpecified,
            $"Reading '{endpoint.DisplayString}' failed: {exception.Message}", "Read the message above.", endpoint.DisplayString, exception);
    }
}
