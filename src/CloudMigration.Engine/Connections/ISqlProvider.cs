using System.Data.Common;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Connections;

/// <summary>
/// One interface over SQL Server and SQLite. Everything above it (discovery, compatibility, planning)
/// is written once against ADO.NET and the dialect; only connecting and error translation differ.
/// </summary>
public interface ISqlProvider
{
    ISqlDialect Dialect { get; }

    /// <summary>Opens a connection. With <paramref name="write"/> false the provider opens read-only where it can.</summary>
    Task<DbConnection> OpenAsync(CmEndpoint endpoint, bool write, CancellationToken cancellationToken);

    /// <summary>Whether a database of that name exists next to the endpoint's (same server / same folder).</summary>
    Task<bool> DatabaseExistsAsync(CmEndpoint endpoint, string database, CancellationToken cancellationToken);

    /// <summary>Turns a provider exception into a clear, redacted <see cref="CmException"/>.</summary>
    CmException Translate(Exception exception, CmEndpoint endpoint);
}
