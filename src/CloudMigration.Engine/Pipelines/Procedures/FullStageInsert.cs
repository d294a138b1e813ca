using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Procedures;

/// <summary>
/// A Full apply on SQLite in one statement: INSERT INTO the destination table (mapped columns, required columns) SELECT from
/// the stage, instead of one prepared INSERT per staged row. It writes what <see cref="DestinationRowWriter.InsertAsync"/>
/// writes row by row: the stage's columns are typed as the destination's, and SQLite applies the destination's column
/// affinity to a value the same way whether it comes from a bound parameter or from the stage (values keep their storage
/// class on the way, as Microsoft.Data.Sqlite's GetValue and parameter binding keep it); the required columns get a value
/// per row where <see cref="RequiredColumnValues"/> makes one per row (a random [timestamp], a fresh $systemId) and one
/// value for the statement otherwise (an empty GUID, the time now). Staged 'D' rows are skipped, as they delete nothing
/// from the emptied table, but counted, as the row-by-row apply counts every staged row.
/// </summary>
internal static class FullStageInsert
{
    /// <summary>
    /// Whether the Full apply can be one statement: not when every column is a key column (the row-by-row insert then skips a
    /// key already written, which one INSERT ... SELECT of a stage holding a key twice cannot do).
    /// </summary>
    public static bool Applies(DestinationStatements statements) => statements.Update is not null;

    /// <summary>Inserts the stage's rows into the emptied destination table; returns the staged rows (the apply's count).</summary>
    public static async Task<long> RunAsync(DbConnection connection, DbTransaction transaction, TablePlanEntry entry, string stageTable,
        IReadOnlyList<RequiredColumn> required, CancellationToken cancellationToken)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var op = "s." + q(ControlRowBuilder.StageOperationColumn);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandTimeout = 0;
        var values = new List<string>();
        for (var i = 0; i < required.Count; i++)
        {
            if (required[i].RowExpression is { } expression)
            {
                values.Add(expression);
                continue;
            }

            var name = "@r" + i.ToString(CultureInfo.InvariantCulture);
            insert.AddParameter(name, required[i].Value());
            values.Add(name);
        }

        insert.CommandText = "INSERT INTO " + q(entry.DestinationTable) + " (" + string.Join(", ", entry.Columns.Select(c => q(c.Destination)).Concat(required.Select(r => q(r.Column)))) +
                             ") SELECT " + string.Join(", ", entry.Columns.Select(c => "s." + q(c.Destination)).Concat(values)) +
                             " FROM " + q(stageTable) + " AS s WHERE " + op + " IS NOT 'D';";
        long inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        await using var deletes = connection.CreateCommand();
        deletes.Transaction = transaction;
        deletes.CommandTimeout = 0;
        deletes.CommandText = "SELECT COUNT(*) FROM " + q(stageTable) + " AS s WHERE " + op + " = 'D';";
        return inserted + Convert.ToInt64(await deletes.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
