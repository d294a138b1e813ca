using System.Globalization;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// Values for destination columns an insert must fill that the plan does not map: Business Central's [timestamp] and
/// $system columns, which SQL Server fills itself (rowversion, defaults) but the SQLite sample's staging tables declare
/// NOT NULL without defaults. Any other such column fails the apply with its name.
/// </summary>
internal static class RequiredColumnValues
{
    public static Func<object> For(string column, string declaredType, ISqlDialect dialect, TimeProvider clock, string table)
    {
        var type = SqlType.Parse(declaredType);
        var sqlite = dialect is SqliteDialect;
        if (type.Family == SqlTypeFamily.RowVersion || string.Equals(column, "timestamp", StringComparison.OrdinalIgnoreCase))
        {
            return () => System.Security.Cryptography.RandomNumberGenerator.GetBytes(8);
        }

        if (type.Family == SqlTypeFamily.Guid)
        {
            var fresh = string.Equals(column, "$systemId", StringComparison.OrdinalIgnoreCase);
            return () =>
            {
                var id = fresh ? Guid.NewGuid() : Guid.Empty;
                return sqlite ? id.ToString("D") : id;
            };
        }

        if (type.Family == SqlTypeFamily.DateTime)
        {
            return () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return sqlite ? now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : now;
            };
        }

        throw new CmException(ErrorIds.RequiredColumnNotMapped, CmErrorCategory.InvalidData,
            $"The column '{column}' ({declaredType}) of {table} takes no NULL and has no default, but the plan copies nothing into it.",
            "Map a source column to it, or give it a default.", table);
    }
}
