using System.Text;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>The T-SQL a SQL Server sink sends (parsed by ScriptDom in the tests): its catalog query and the upsert statements.</summary>
internal static class SqlServerSinkSql
{
    /// <summary>The columns of @table (a quoted two-part name) in order, with primary key position and writability.</summary>
    public const string Columns =
        "SELECT c.name AS ColumnName, t.name AS TypeName, CAST(ISNULL(k.key_ordinal, 0) AS int) AS KeyOrdinal,\n" +
        "       CAST(CASE WHEN c.is_computed = 1 OR c.is_identity = 1 OR t.name IN (N'timestamp', N'rowversion') THEN 0 ELSE 1 END AS bit) AS Writable\n" +
        "FROM sys.columns AS c\n" +
        "JOIN sys.types AS t ON t.user_type_id = c.user_type_id\n" +
        "LEFT JOIN sys.indexes AS i ON i.object_id = c.object_id AND i.is_primary_key = 1\n" +
        "LEFT JOIN sys.index_columns AS k ON k.object_id = i.object_id AND k.index_id = i.index_id AND k.column_id = c.column_id\n" +
        "WHERE c.object_id = OBJECT_ID(@table)\n" +
        "ORDER BY c.column_id;";

    /// <summary>The interim table of an upsert, for the batches to be bulk copied into.</summary>
    public const string InterimTable = "#cm_upsert";

    /// <summary>Creates the interim table with the sink's column types (no rows, no constraints).</summary>
    public static string CreateInterim(string quotedTable, IReadOnlyList<string> columns) =>
        "SELECT TOP (0) " + string.Join(", ", columns.Select(Q)) + " INTO " + InterimTable + " FROM " + quotedTable + ";";

    /// <summary>Updates the rows whose keys exist, then inserts the others, from the interim table.</summary>
    public static string Merge(string quotedTable, IReadOnlyList<string> columns, IReadOnlyList<string> keys)
    {
        var on = string.Join(" AND ", keys.Select(k => "t." + Q(k) + " = s." + Q(k)));
        var sb = new StringBuilder();
        var updated = columns.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (updated.Length > 0)
        {
            sb.Append("UPDATE t SET ").Append(string.Join(", ", updated.Select(c => "t." + Q(c) + " = s." + Q(c))))
              .Append(" FROM ").Append(quotedTable).Append(" AS t INNER JOIN ").Append(InterimTable).Append(" AS s ON ").Append(on).Append(";\n");
        }

        sb.Append("INSERT INTO ").Append(quotedTable).Append(" (").Append(string.Join(", ", columns.Select(Q))).Append(") SELECT ")
          .Append(string.Join(", ", columns.Select(c => "s." + Q(c)))).Append(" FROM ").Append(InterimTable)
          .Append(" AS s WHERE NOT EXISTS (SELECT 1 FROM ").Append(quotedTable).Append(" AS t WHERE ").Append(on).Append(");");
        return sb.ToString();
    }

    public static string Truncate => "TRUNCATE TABLE " + InterimTable + ";";

    private static string Q(string name) => SqlServerDialect.Instance.QuoteIdentifier(name);
}
