using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication.Verification;

/// <summary>
/// The two reads of a verification, each one SELECT of the plan entry's mapped columns in mapping order, ordered by the
/// key columns so the sides merge in one pass: text keys by their trimmed value in code point order on both engines
/// (<see cref="IReplicationDialect.TextSortKey"/>), other keys by value. The source read is filtered to the company for
/// tables with CpnyID; the destination table holds one company.
/// </summary>
public static class VerificationQueries
{
    public static string Source(TablePlanEntry entry, ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(dialect);
        var table = ReplicatedTable.From(entry);
        var q = dialect.QuoteIdentifier;
        return "SELECT " + string.Join(", ", entry.Columns.Select(c => q(c.Source))) + " FROM " + q(entry.SourceTable) +
               (table.Company is null ? string.Empty : " WHERE " + dialect.FixedWidthEquals(q(table.CompanyColumn), table.Company)) +
               " ORDER BY " + OrderBy(entry, dialect, c => c.Source) + ";";
    }

    public static string Destination(TablePlanEntry entry, ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(dialect);
        var q = dialect.QuoteIdentifier;
        return "SELECT " + string.Join(", ", entry.Columns.Select(c => q(c.Destination))) + " FROM " + q(entry.DestinationTable) +
               " ORDER BY " + OrderBy(entry, dialect, c => c.Destination) + ";";
    }

    private static string OrderBy(TablePlanEntry entry, ISqlDialect dialect, Func<ColumnMapping, string> name)
    {
        var replication = ReplicationDialects.For(dialect);
        var table = ReplicatedTable.From(entry);
        return string.Join(", ", table.KeyOrdinals().Select(o =>
        {
            var column = dialect.QuoteIdentifier(name(entry.Columns[o]));
            return ColumnConversion.For(entry.Columns[o]).Family == SqlTypeFamily.Text ? replication.TextSortKey(column) : column;
        }));
    }
}
