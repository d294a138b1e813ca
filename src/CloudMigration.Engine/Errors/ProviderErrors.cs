using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Errors;

internal static class ProviderErrors
{
    /// <summary>The provider's own error number, or null for non-provider exceptions.</summary>
    public static int? NumberOf(Exception ex) => ex switch
    {
        SqlException sql => sql.Number,
        SqliteException lite => lite.SqliteErrorCode,
        DbException db => db.ErrorCode,
        _ => null,
    };
}
