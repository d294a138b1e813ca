using System.Globalization;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// A destination column an insert must fill that the plan does not map: its generated value (<see cref="Value"/>, called
/// once per row written), and on SQLite, where the value must differ per row, the SQL expression that makes it per row in
/// a set-based insert (<see cref="RowExpression"/>; null where one value serves every row of a statement).
/// </summary>
internal sealed record RequiredColumn(string Column, Func<object> Value, string? RowExpression);

/// <summary>
/// Values for destination columns an insert must fill that the plan does not map: Business Central's [timestamp] and
/// $system columns, which SQL Server fills itself (rowversion, defaults) but the SQLite sample's staging tables declare
/// NOT NULL without defaults. Any other such column fails the apply with its name.
/// </summary>
internal static class RequiredColumnValues
{
    /// <summary>A random version-4 GUID as Guid.ToString("D") writes it (lower case), made by SQLite per row.</summary>
    internal const string SqliteNewGuid =
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || " +
        "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

    public static RequiredColumn Column(string column, string declaredType, ISqlDialect dialect, TimeProvider clock, string table)
    {
        var type = SqlType.Parse(declaredType);
        var sqlite = dialect is SqliteDialect;
        if (type.Family == SqlTypeFamily.RowVersion || string.Equals(column, "timestamp", StringComparison.OrdinalIgnoreCase))
        {
            return new RequiredColumn(column, () => System.Security.Cryptography.RandomNumberGenerator.GetBytes(8), "randomblob(8)");
        }

        if (type.Family == SqlTypeFamily.Guid)
        {
            var fresh = string.Equals(column, "$systemId", StringComparison.OrdinalIgnoreCase);
            return new RequiredColumn(column, () =>
            {
                var id = fresh ? Guid.NewGuid() : Guid.Empty;
                return sqlite ? id.ToString("D") : id;
            }, fresh ? SqliteNewGuid : null);
        }

        if (type.Family == SqlTypeFamily.DateTime)
        {
            return new RequiredColumn(column, () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return sqlite ? now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : now;
            }, null);
        }

        throw new CmException(ErrorIds.RequiredColumnNotMapped, CmErrorCategory.InvalidData,
            $"The column '{column}' ({declaredType}) of {table} takes no NULL and has no default, but the plan copies nothing into it.",
            "Map a source column to it, or give it a default.", table);
    }
}
