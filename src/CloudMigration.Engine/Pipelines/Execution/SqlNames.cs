using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>Table names as each dialect writes them.</summary>
internal static class SqlNames
{
    /// <summary>[schema].[table] on SQL Server (dbo when no schema is given); "table" on SQLite, which has no schemas.</summary>
    public static string Table(ISqlDialect dialect, string? schema, string table) =>
        dialect is SqliteDialect
            ? dialect.QuoteIdentifier(table)
            : dialect.QuoteIdentifier(string.IsNullOrWhiteSpace(schema) ? "dbo" : schema) + "." + dialect.QuoteIdentifier(table);
}
