using CloudMigration.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Benchmarks;

/// <summary>
/// Fills the GLTran table of a generated sample (SL's 76 fields) with <see cref="GlTranTable"/>'s generated rows for company
/// 0010: its 23 fields and tstamp generated per row, the other fields taken from one of the sample's own 0010 rows.
/// Works on one connection (its TEMP tables hold the template row and the generated rows on their way in).
/// </summary>
internal sealed class SampleGlTran
{
    private const string Template = "cm_BenchTemplate";
    private const string Generated = "cm_BenchGenerated";
    private readonly SqliteConnection connection;
    private readonly string insert;

    public SampleGlTran(SqliteConnection connection)
    {
        this.connection = connection;
        var q = SqliteDialect.Instance.QuoteIdentifier;
        BenchSqlite.Execute(connection, $"CREATE TEMP TABLE {Template} AS SELECT * FROM GLTran WHERE {SqliteDialect.Instance.FixedWidthEquals("CpnyID", GlTranTable.Company)} LIMIT 1;");
        if (Convert.ToInt64(BenchSqlite.Scalar(connection, $"SELECT COUNT(*) FROM {Template};"), System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new InvalidOperationException("The sample has no GLTran row of company " + GlTranTable.Company + " to take the other fields from.");
        }

        BenchSqlite.Execute(connection, SchemaScripts.CreateTable(SqliteDialect.Instance, GlTranTable.Source with { Name = Generated }).Replace("CREATE TABLE", "CREATE TEMP TABLE", StringComparison.Ordinal));
        var generated = GlTranTable.Source.Columns.Select(c => c.Name).ToArray();
        var others = Columns(connection, "GLTran").Where(c => !generated.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
        insert = "INSERT INTO GLTran (" + string.Join(", ", generated.Concat(others).Select(q)) + ") SELECT " +
                 string.Join(", ", generated.Select(c => "g." + q(c)).Concat(others.Select(c => "t." + q(c)))) + $" FROM {Generated} g CROSS JOIN {Template} t;";
    }

    /// <summary>Replaces the sample's GLTran rows by <paramref name="rows"/> generated ones.</summary>
    public void Fill(int rows)
    {
        using var transaction = connection.BeginTransaction();
        BenchSqlite.Execute(connection, "DELETE FROM GLTran;", transaction);
        Insert(transaction, 0, rows);
        transaction.Commit();
    }

    /// <summary>Inserts the generated rows <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    public void Insert(SqliteTransaction transaction, long first, long count)
    {
        GlTranTable.Insert(connection, transaction, first, count, Generated);
        BenchSqlite.Execute(connection, insert, transaction);
        BenchSqlite.Execute(connection, $"DELETE FROM {Generated};", transaction);
    }

    /// <summary>A table's columns with their declared types, in order.</summary>
    public static IReadOnlyList<string> Columns(SqliteConnection connection, string table) => TableInfo(connection, table).Select(c => c.Name).ToArray();

    public static IReadOnlyList<(string Name, string Type)> TableInfo(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type FROM pragma_table_info(@table) ORDER BY cid;";
        command.Parameters.AddWithValue("@table", table);
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }
}
