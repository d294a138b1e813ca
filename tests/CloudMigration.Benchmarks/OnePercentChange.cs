using Microsoft.Data.Sqlite;

namespace CloudMigration.Benchmarks;

/// <summary>
/// 1% of a GLTran table's rows changed in one source transaction (so through its change log): 80% of them updated
/// (CrAmt, TranDesc), 10% deleted, 5% key changes (a delete and an insert each) and the rest inserted as new rows.
/// </summary>
internal sealed record OnePercentChange(int Rows, int Updates, int Deletes, int KeyChanges, int Inserts)
{
    public static OnePercentChange Of(int rows)
    {
        var changed = rows / 100;
        var (updates, deletes, keyChanges) = (changed * 8 / 10, changed / 10, changed / 20);
        return new OnePercentChange(changed, updates, deletes, keyChanges, changed - updates - deletes - keyChanges);
    }

    /// <summary>Keys the change touches: a key change is a delete of the old key and an insert of the new one.</summary>
    public int Keys => Updates + Deletes + 2 * KeyChanges + Inserts;

    /// <summary>Changes the rows of GLTran, spread over the table (by rowid); <paramref name="insert"/> adds the new rows, numbered from <paramref name="rows"/> on.</summary>
    public void Apply(SqliteConnection connection, int rows, Action<SqliteTransaction, long, long> insert)
    {
        using var transaction = connection.BeginTransaction();
        var stride = rows / Rows;
        BenchSqlite.Execute(connection, $"UPDATE GLTran SET CrAmt = CrAmt + 1, TranDesc = 'CHANGED' WHERE rowid IN (SELECT rowid FROM GLTran WHERE rowid % {stride} = 1 LIMIT {Updates});", transaction);
        BenchSqlite.Execute(connection, $"DELETE FROM GLTran WHERE rowid IN (SELECT rowid FROM GLTran WHERE rowid % {stride} = 2 LIMIT {Deletes});", transaction);
        BenchSqlite.Execute(connection, $"UPDATE GLTran SET LineNbr = LineNbr + 1000000 WHERE rowid IN (SELECT rowid FROM GLTran WHERE rowid % {stride} = 3 LIMIT {KeyChanges});", transaction);
        insert(transaction, rows, Inserts);
        transaction.Commit();
    }
}
