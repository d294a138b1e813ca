using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// The queries around a dialect's net changes (<see cref="IReplicationDialect.Changes"/>, aliased ct), written once:
/// ct LEFT JOIN the table (t) on the key columns. A changed key is in scope when its row exists and belongs to the company
/// (the company filter on t); in scope it is an upsert of t's current values, otherwise a delete of the key. When the key
/// includes the company column the changes are filtered on ct too, so other companies' deleted keys are not read.
/// </summary>
public static class ChangeQueries
{
    /// <summary>Column aliases of <see cref="Read"/>: operation, version, in-scope flag, then keys (cm_k0..), then columns (cm_c0..).</summary>
    internal const int FirstKeyOrdinal = 3;

    /// <summary>The engine's read: one row per changed key with SYS_CHANGE_OPERATION, SYS_CHANGE_VERSION, whether it is in scope, its key values and t's columns.</summary>
    internal static string Read(IReplicationDialect dialect, ReplicatedTable table, DeltaVersion version)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(table);
        var q = dialect.Sql.QuoteIdentifier;
        var select = new List<string>
        {
            "ct.SYS_CHANGE_OPERATION AS cm_Operation",
            "ct.SYS_CHANGE_VERSION AS cm_Version",
            "CASE WHEN " + InScope(dialect.Sql, table) + " THEN 1 ELSE 0 END AS cm_InScope",
        };
        select.AddRange(table.KeyColumns.Select((k, i) => "ct." + q(k) + " AS " + q("cm_k" + i)));
        select.AddRange(table.Columns.Select((c, i) => "t." + q(c) + " AS " + q("cm_c" + i)));
        return "SELECT " + string.Join(", ", select) + From(dialect, table, version, inner: false) + CompanyOfKey(dialect.Sql, table, " WHERE ") + ";";
    }

    /// <summary>The delta queries of a plan entry for a Copy activity (see <see cref="DeltaQueries"/>).</summary>
    /// <param name="entry">The plan entry (its source table, key, columns and company).</param>
    /// <param name="source">The source's dialect: the queries run there.</param>
    /// <param name="version">The last synced version: a literal for one run, or a parameter.</param>
    public static DeltaQueries Delta(TablePlanEntry entry, ISqlDialect source, DeltaVersion version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(version);
        var dialect = ReplicationDialects.For(source);
        var table = ReplicatedTable.From(entry);
        var q = source.QuoteIdentifier;
        var destinationKeys = entry.KeyColumns.ToArray();

        var rows = "SELECT " + string.Join(", ", entry.Columns.Select(c => "t." + q(c.Source) + " AS " + q(c.Destination))) +
                   From(dialect, table, version, inner: true) +
                   (table.Company is null ? string.Empty : " WHERE " + CompanyOfRow(source, table)) +
                   CompanyOfKey(source, table, table.Company is null ? " WHERE " : " AND ") + ";";

        var gone = "t." + q(table.KeyColumns[0]) + " IS NULL" +
                   (table.Company is null ? string.Empty : " OR CASE WHEN " + CompanyOfRow(source, table) + " THEN 1 ELSE 0 END = 0");
        var deleted = "SELECT " + string.Join(", ", table.KeyColumns.Select((k, i) => "ct." + q(k) + " AS " + q(destinationKeys[i]))) +
                      From(dialect, table, version, inner: false) + " WHERE (" + gone + ")" + CompanyOfKey(source, table, " AND ") + ";";
        return new DeltaQueries(rows, deleted);
    }

    private static string From(IReplicationDialect dialect, ReplicatedTable table, DeltaVersion version, bool inner)
    {
        var q = dialect.Sql.QuoteIdentifier;
        var on = string.Join(" AND ", table.KeyColumns.Select(k => "t." + q(k) + " = ct." + q(k)));
        return " FROM " + dialect.Changes(table.Table, table.KeyColumns, version) + " AS ct " + (inner ? "INNER" : "LEFT") + " JOIN " +
               q(table.Table) + " AS t ON " + on;
    }

    // The row exists (keys are never NULL in a row) and belongs to the company.
    private static string InScope(ISqlDialect sql, ReplicatedTable table) =>
        "t." + sql.QuoteIdentifier(table.KeyColumns[0]) + " IS NOT NULL" + (table.Company is null ? string.Empty : " AND " + CompanyOfRow(sql, table));

    private static string CompanyOfRow(ISqlDialect sql, ReplicatedTable table) =>
        sql.FixedWidthEquals("t." + sql.QuoteIdentifier(table.CompanyColumn), table.Company!);

    private static string CompanyOfKey(ISqlDialect sql, ReplicatedTable table, string connective) =>
        table.CompanyKeyColumn is { } key ? connective + sql.FixedWidthEquals("ct." + sql.QuoteIdentifier(key), table.Company!) : string.Empty;
}
