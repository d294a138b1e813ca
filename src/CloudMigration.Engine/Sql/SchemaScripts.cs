using System.Text;
using CloudMigration.Engine.Discovery;

namespace CloudMigration.Engine.Sql;

/// <summary>DDL and DML text built from a <see cref="TableSchema"/>; the dialect supplies the quoting.</summary>
public static class SchemaScripts
{
    public static string CreateTable(ISqlDialect dialect, TableSchema table)
    {
        var sb = new StringBuilder();
        sb.Append("CREATE TABLE ").Append(dialect.QuoteIdentifier(table.Name)).Append(" (");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            sb.Append(i == 0 ? string.Empty : ", ")
              .Append(dialect.QuoteIdentifier(column.Name)).Append(' ').Append(column.SqlType)
              .Append(column.Nullable ? " NULL" : " NOT NULL");
        }

        if (table.PrimaryKey.Count > 0)
        {
            sb.Append(", PRIMARY KEY (").Append(string.Join(", ", table.PrimaryKey.Select(dialect.QuoteIdentifier))).Append(')');
        }

        return sb.Append(");").ToString();
    }

    /// <summary>An INSERT with one parameter per column, named @p0, @p1, ...</summary>
    public static string Insert(ISqlDialect dialect, TableSchema table, IReadOnlyList<string>? columns = null)
    {
        var names = columns ?? table.Columns.Select(c => c.Name).ToArray();
        return "INSERT INTO " + dialect.QuoteIdentifier(table.Name) + " (" + string.Join(", ", names.Select(dialect.QuoteIdentifier)) +
               ") VALUES (" + string.Join(", ", names.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ");";
    }
}
