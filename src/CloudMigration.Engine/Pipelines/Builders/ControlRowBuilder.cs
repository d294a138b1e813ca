using System.Text.Json.Nodes;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>
/// Turns a table plan into control table rows. Each row's SourceQuery selects the plan's mapped columns (named as
/// the destination names them; tstamp is not among them) from the source table, filtered to the company for tables
/// with CpnyID. Every copy replaces the company's rows: a pre-copy script empties the staging table first, so a
/// re-run never duplicates. Entries that are skipped, or in error, get no row.
/// </summary>
public static class ControlRowBuilder
{
    private const string CompanyColumn = "CpnyID";

    /// <param name="entries">The plan (New-CmTablePlan's entries).</param>
    /// <param name="source">The source's dialect: the query runs there.</param>
    /// <param name="destination">The destination's dialect: the pre-copy script runs there.</param>
    public static IReadOnlyList<ControlRow> Build(IEnumerable<TablePlanEntry> entries, ISqlDialect source, ISqlDialect destination)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);

        // Business Central fills its [timestamp] and $system columns itself on SQL Server; the SQLite sample's staging
        // tables declare them NOT NULL without defaults, so a SQLite-to-SQLite copy supplies them.
        var supplySystemColumns = source is SqliteDialect && destination is SqliteDialect;
        var rows = new List<ControlRow>();
        foreach (var entry in entries.Where(e => e.CopyMethod != CopyMethod.Skip && e.Status != PlanStatus.Error))
        {
            var columns = entry.Columns.Select(c => source.QuoteIdentifier(c.Source) + " AS " + source.QuoteIdentifier(c.Destination)).ToList();
            if (supplySystemColumns)
            {
                columns.AddRange(SqliteSystemColumns(source));
            }

            var query = "SELECT " + string.Join(", ", columns) + " FROM " + source.QuoteIdentifier(entry.SourceTable) +
                        (entry.FilteredByCompany ? " WHERE " + source.FixedWidthEquals(source.QuoteIdentifier(CompanyColumn), entry.Company) : string.Empty);
            rows.Add(new ControlRow(
                rows.Count + 1,
                entry.Company,
                entry.SourceDatabase,
                entry.SourceTable,
                query,
                entry.DestinationTable,
                "Insert",
                new JsonArray(entry.KeyColumns.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()).ToJsonString(),
                "DELETE FROM " + destination.QuoteIdentifier(entry.DestinationTable) + ";")
            {
                Columns = ColumnsJson(entry.Columns),
                FilteredByCompany = entry.FilteredByCompany,
            });
        }

        return rows;
    }

    /// <summary>A full copy's source query for a replication run: the plan's mapped columns (named as the destination names them), filtered to the company, and the operation 'U'.</summary>
    public static string FullStageQuery(TablePlanEntry entry, ISqlDialect source)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(source);
        return "SELECT " + string.Join(", ", entry.Columns.Select(c => source.QuoteIdentifier(c.Source) + " AS " + source.QuoteIdentifier(c.Destination))) +
               ", 'U' AS " + source.QuoteIdentifier(StageOperationColumn) + " FROM " + source.QuoteIdentifier(entry.SourceTable) +
               (entry.FilteredByCompany ? " WHERE " + source.FixedWidthEquals(source.QuoteIdentifier(CompanyColumn), entry.Company) : string.Empty);
    }

    /// <summary>The staging table's operation column: 'U' (write the row) or 'D' (delete its key).</summary>
    public const string StageOperationColumn = "cm_Op";

    /// <summary>The mapped columns as the control row carries them.</summary>
    public static string ColumnsJson(IEnumerable<ColumnMapping> columns) =>
        new JsonArray(columns.Select(c => (JsonNode?)new JsonObject { ["Source"] = c.Source, ["Destination"] = c.Destination, ["SourceType"] = c.SourceType, ["DestinationType"] = c.DestinationType }).ToArray())
            .ToJsonString();

    /// <summary>Reads <see cref="ColumnsJson"/> back.</summary>
    public static ColumnMappingList ParseColumns(string json)
    {
        var array = JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json) as JsonArray ?? [];
        return new ColumnMappingList(array.OfType<JsonObject>().Select(o => new ColumnMapping(
            (string?)o["Source"] ?? string.Empty, (string?)o["Destination"] ?? string.Empty, (string?)o["SourceType"] ?? string.Empty, (string?)o["DestinationType"] ?? string.Empty)).ToArray());
    }

    private static IEnumerable<string> SqliteSystemColumns(ISqlDialect source)
    {
        yield return "randomblob(8) AS " + source.QuoteIdentifier("timestamp");
        foreach (var (name, type) in BcNaming.SystemColumns)
        {
            var value = type == "uniqueidentifier"
                ? (name == "$systemId" ? "lower(hex(randomblob(16)))" : "'00000000-0000-0000-0000-000000000000'")
                : "strftime('%Y-%m-%d %H:%M:%S', 'now')";
            yield return value + " AS " + source.QuoteIdentifier(name);
        }
    }
}
