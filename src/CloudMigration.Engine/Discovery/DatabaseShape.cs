using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Discovery;

/// <summary>Reads which columns a table has, to tell "wrong kind of database" from "broken database".</summary>
internal static class DatabaseShape
{
    /// <summary>The table's columns (case-insensitive set), empty when the table does not exist.</summary>
    public static async Task<HashSet<string>> ColumnsAsync(DbConnection connection, ISqlDialect dialect, string table, CancellationToken cancellationToken)
    {
        var names = await connection.QueryAsync(dialect.Script("Discovery.TableColumns"), r => r.GetString(0), cancellationToken, ("@table", table)).ConfigureAwait(false);
        return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }
}
