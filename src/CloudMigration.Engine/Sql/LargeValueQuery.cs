using System.Globalization;
using System.Text;

namespace CloudMigration.Engine.Sql;

/// <summary>
/// One query that measures the largest value of several columns: a row of scalar subqueries, column i
/// answering for <c>columns[i]</c>. Names are quoted by the dialect, so any name is only a name.
/// </summary>
public static class LargeValueQuery
{
    public static string Build(ISqlDialect dialect, IReadOnlyList<(string Table, string Column)> columns)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column is needed.", nameof(columns));
        }

        var sb = new StringBuilder("SELECT ");
        for (var i = 0; i < columns.Count; i++)
        {
            var (table, column) = columns[i];
            sb.Append(i == 0 ? string.Empty : ", ")
              .Append("(SELECT MAX(").Append(dialect.ByteLength(dialect.QuoteIdentifier(column))).Append(") FROM ").Append(dialect.QuoteIdentifier(table))
              .Append(") AS ").Append(dialect.QuoteIdentifier("v" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return sb.Append(';').ToString();
    }
}
