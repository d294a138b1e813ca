using System.Globalization;
using System.Text;

namespace CloudMigration.Engine.Sql;

/// <summary>
/// One query that counts the rows of several tables: per company for tables with a company column,
/// in all for the others. Result rows: TableIndex (the table's position in the list), Company (NULL
/// for whole-table counts) and TableRows. Names are quoted by the dialect; no value is inlined.
/// </summary>
public static class RowCountQuery
{
    public static string Build(ISqlDialect dialect, IReadOnlyList<(string Table, string? CompanyColumn)> tables)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new ArgumentException("At least one table is needed.", nameof(tables));
        }

        var sb = new StringBuilder();
        for (var i = 0; i < tables.Count; i++)
        {
            var (table, companyColumn) = tables[i];
            var index = i.ToString(CultureInfo.InvariantCulture);
            sb.Append(i == 0 ? string.Empty : " UNION ALL ");
            if (companyColumn is null)
            {
                sb.Append("SELECT ").Append(index).Append(" AS TableIndex, NULL AS Company, COUNT(*) AS TableRows FROM ").Append(dialect.QuoteIdentifier(table));
            }
            else
            {
                var column = dialect.QuoteIdentifier(companyColumn);
                sb.Append("SELECT ").Append(index).Append(" AS TableIndex, ").Append(column).Append(" AS Company, COUNT(*) AS TableRows FROM ")
                  .Append(dialect.QuoteIdentifier(table)).Append(" GROUP BY ").Append(column);
            }
        }

        return sb.Append(';').ToString();
    }
}
