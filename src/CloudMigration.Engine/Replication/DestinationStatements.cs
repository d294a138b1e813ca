using System.Globalization;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// The per-key statements of a delta apply, the same text on both engines but for quoting: DELETE by key (@k0..); UPDATE
/// of the non-key columns (@c&lt;ordinal&gt;) by key, and INSERT of every mapped column plus the required unmapped ones
/// (@r0..) when the update found no row, so no unique index is needed and generated columns keep their values on update.
/// A table whose columns are all key columns has no UPDATE; its INSERT then skips a key that exists. Parameters are
/// listed in the order the writer binds them.
/// </summary>
internal sealed record DestinationStatements(
    (string Sql, IReadOnlyList<string> Parameters) Delete,
    (string Sql, IReadOnlyList<string> Parameters)? Update,
    (string Sql, IReadOnlyList<string> Parameters) Insert,
    int[] KeyOrdinals,
    int[] UpdateOrdinals)
{
    public static DestinationStatements Build(ISqlDialect dialect, TablePlanEntry entry, ReplicatedTable table, IReadOnlyList<string> requiredColumns)
    {
        var q = dialect.QuoteIdentifier;
        var name = q(entry.DestinationTable);
        var keyOrdinals = table.KeyOrdinals().ToArray();
        if (keyOrdinals.Any(o => o < 0))
        {
            throw new CmException(ErrorIds.ReplicationKeyNotMapped, CmErrorCategory.InvalidData,
                $"A key column of {entry.SourceTable} is not among its copied columns ({string.Join(", ", table.Columns)}).",
                "Copy the key columns.", entry.ToString());
        }

        var destination = entry.Columns.Select(c => c.Destination).ToArray();
        var keyParameters = keyOrdinals.Select((_, i) => P("k", i)).ToArray();
        var where = string.Join(" AND ", keyOrdinals.Select((o, i) => q(destination[o]) + " = " + keyParameters[i]));
        var updateOrdinals = Enumerable.Range(0, destination.Length).Where(i => !keyOrdinals.Contains(i)).ToArray();

        var delete = ("DELETE FROM " + name + " WHERE " + where + ";", (IReadOnlyList<string>)keyParameters);
        (string, IReadOnlyList<string>)? update = updateOrdinals.Length == 0 ? null :
            ("UPDATE " + name + " SET " + string.Join(", ", updateOrdinals.Select(o => q(destination[o]) + " = " + P("c", o))) + " WHERE " + where + ";",
             updateOrdinals.Select(o => P("c", o)).Concat(keyParameters).ToArray());

        var insertColumns = destination.Concat(requiredColumns).ToArray();
        var insertValues = Enumerable.Range(0, destination.Length).Select(i => P("c", i)).Concat(requiredColumns.Select((_, i) => P("r", i))).ToArray();
        var insert = update is null
            ? ("INSERT INTO " + name + " (" + string.Join(", ", insertColumns.Select(q)) + ") SELECT " + string.Join(", ", insertValues) +
               " WHERE NOT EXISTS (SELECT 1 FROM " + name + " WHERE " + where + ");", (IReadOnlyList<string>)insertValues.Concat(keyParameters).ToArray())
            : ("INSERT INTO " + name + " (" + string.Join(", ", insertColumns.Select(q)) + ") VALUES (" + string.Join(", ", insertValues) + ");", insertValues);
        return new DestinationStatements(delete, update, insert, keyOrdinals, updateOrdinals);
    }

    private static string P(string prefix, int index) => "@" + prefix + index.ToString(CultureInfo.InvariantCulture);
}
