using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>Control table rows written by hand, as setup will write them from the table plan (SQLite sample).</summary>
internal static class ControlRows
{
    private static readonly Guid AppId = SlCatalog.Default.App.Id;

    /// <summary>A control row as setup would write it for the sample: the SL fields plus the columns a BC staging table needs that SL has not.</summary>
    public static string Insert(int id, string company, SlTable table, string writeBehavior, string? sourceQuery = null)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var staging = BcNaming.CompanyTable(company, table.BcTable, AppId);
        var filter = table.HasCompanyColumn ? $" WHERE rtrim(CpnyID) = '{company}'" : string.Empty; // SL pads char columns
        var query = sourceQuery ?? "SELECT " + string.Join(", ", table.Fields.Select(f => q(f.Name))
            .Concat(["randomblob(8) AS \"timestamp\"", "lower(hex(randomblob(16))) AS \"$systemId\"", "'2024-01-01' AS \"$systemCreatedAt\"",
                "'00000000-0000-0000-0000-000000000000' AS \"$systemCreatedBy\"", "'2024-01-01' AS \"$systemModifiedAt\"", "'00000000-0000-0000-0000-000000000000' AS \"$systemModifiedBy\""]))
            + " FROM " + q(table.Name) + filter;
        var keys = new JsonArray(table.PrimaryKey.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()).ToJsonString();
        static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        return $"INSERT INTO {ControlTable.SqliteName} (TableId, Company, SourceDatabase, SourceTable, SourceQuery, DestinationTable, WriteBehavior, KeyColumns, PreCopyScript) VALUES " +
               $"({id}, {Literal(company)}, 'SLApp', {Literal(table.Name)}, {Literal(query)}, {Literal(staging)}, {Literal(writeBehavior)}, {Literal(keys)}, {Literal("DELETE FROM " + q(staging) + ";")});";
    }
}
