using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>A dataset with its parameters bound and expressions evaluated, and its linked service resolved to an endpoint.</summary>
internal sealed record ResolvedDataset(string Name, string Type, string? Schema, string? Table, string? TableName, ResolvedLinkedService LinkedService)
{
    public CmEndpoint Endpoint => LinkedService.Endpoint;

    public ISqlDialect Dialect => SqlProviders.For(Endpoint).Dialect;

    /// <summary>
    /// The table as the dialect names it: [schema].[table] on SQL Server (dbo by default), "table" on SQLite (no schemas).
    /// The older typeProperties.tableName is taken as written on SQL Server (ADF's behaviour) and as one name on SQLite.
    /// </summary>
    public string QuotedTable()
    {
        if (!string.IsNullOrWhiteSpace(Table))
        {
            return SqlNames.Table(Dialect, Schema, Table);
        }

        if (!string.IsNullOrWhiteSpace(TableName))
        {
            return Dialect is SqliteDialect ? Dialect.QuoteIdentifier(TableName) : TableName;
        }

        throw new ActivityFailure("DatasetTableMissing", $"The dataset '{Name}' names no table (typeProperties.table), and the activity gives no query.");
    }

    /// <summary>The table's name and schema for catalog queries (no quoting).</summary>
    public (string? Schema, string Table) TableParts() =>
        !string.IsNullOrWhiteSpace(Table) ? (Schema, Table!)
        : !string.IsNullOrWhiteSpace(TableName) ? SplitTableName(TableName!)
        : throw new ActivityFailure("DatasetTableMissing", $"The dataset '{Name}' names no table (typeProperties.table).");

    private static (string? Schema, string Table) SplitTableName(string name)
    {
        var parts = name.Split('.', 2);
        static string Unquote(string part) => part.Trim().TrimStart('[', '"').TrimEnd(']', '"');
        return parts.Length == 2 ? (Unquote(parts[0]), Unquote(parts[1])) : (null, Unquote(name));
    }
}

/// <summary>A linked service resolved to an endpoint (secrets stay inside the endpoint).</summary>
internal sealed record ResolvedLinkedService(string Name, string Type, CmEndpoint Endpoint);
