using System.Globalization;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Planning;

/// <summary>Sums up the type conversions of a column mapping for people and reports.</summary>
public static class ConversionSummary
{
    public static NameList Of(IEnumerable<ColumnMapping> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var items = new List<string>();
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in columns.Where(c => c.IsConversion && c.DestinationType.Length > 0))
        {
            var from = SqlType.Parse(column.SourceType);
            var to = SqlType.Parse(column.DestinationType);
            if (from.Length is not null && from.Length != to.Length)
            {
                items.Add(column.ToString()); // a length change deserves its own line
                continue;
            }

            var key = (from.Length is null ? column.SourceType : from.Name) + "->" + (to.Length is null ? column.DestinationType : to.Name);
            groups[key] = groups.GetValueOrDefault(key) + 1;
        }

        return new NameList(groups.Select(g => g.Key + " x" + g.Value.ToString(CultureInfo.InvariantCulture)).Concat(items).ToArray());
    }
}
