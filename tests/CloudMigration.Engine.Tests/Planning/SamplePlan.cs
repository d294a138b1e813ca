using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Discovery;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Runs TablePlanService on the SQLite sample (or a private copy) and reads the sample's files directly to check it.</summary>
internal static class SamplePlan
{
    public const string MainApp = "SLApp";
    public const string SecondApp = "SLApp2";

    public static readonly string[] ActiveCompanies = ["0010", "0020", "0030"];

    public static Task<TablePlan> BuildAsync(CmEndpoint source, CmEndpoint destination, IReadOnlyList<string>? companies = null,
        IReadOnlyList<TableMappingInput>? mappings = null, IProgress<Operations.OperationProgress>? progress = null) =>
        new TablePlanService().BuildAsync(source, destination, new TablePlanOptions { Companies = companies ?? [], Mappings = mappings ?? [] }, progress, CancellationToken.None);

    public static Task<TablePlan> ValidateAsync(CmEndpoint source, CmEndpoint destination, IReadOnlyList<TablePlanRow> rows) =>
        new TablePlanService().ValidateAsync(source, destination, rows, null, CancellationToken.None);

    /// <summary>The entries as an exported CSV reads back: text everywhere, the method by its name, lines from 1.</summary>
    public static List<TablePlanRow> Rows(IEnumerable<TablePlanEntry> entries) => entries.Select((e, i) => new TablePlanRow
    {
        Company = e.Company,
        SourceTable = e.SourceTable,
        DestinationTable = e.DestinationTable,
        CopyMethod = e.CopyMethod.ToString(),
        Line = i + 1,
    }).ToList();

    public static string StagingTable(string company, string bcTable) => BcNaming.CompanyTable(company, bcTable, SlCatalog.Default.App.Id);

    public static SlTable Table(string name) => SlCatalog.Default.Tables.Single(t => t.Name == name);

    /// <summary>Runs a scalar query on a sample file with a read-only connection of the test's own.</summary>
    public static long Scalar(string path, string sql)
    {
        Assert.True(File.Exists(path), $"No database file '{path}'.");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The primary key of a table of a sample file, in key order, read with SQLite's own pragma.</summary>
    public static List<string> PrimaryKey(string path, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info(@t) WHERE pk > 0 ORDER BY pk;";
        command.Parameters.AddWithValue("@t", table);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>Creates a table in a database of a private copy and fills it (parameters, one transaction).</summary>
    public static void CreateTable(PrivateSample copy, string database, TableSchema schema, IEnumerable<object?[]> rows)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy.PathOf(database), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = SchemaScripts.CreateTable(SqliteDialect.Instance, schema);
            create.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = SchemaScripts.Insert(SqliteDialect.Instance, schema);
        for (var i = 0; i < schema.Columns.Count; i++)
        {
            insert.Parameters.Add(new SqliteParameter("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                insert.Parameters[i].Value = row[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>An SL-style table with a company column: CpnyID, Code, Amount and tstamp.</summary>
    public static TableSchema SlCustomTable(string name, string companyColumn = "CpnyID") =>
        new(name, [new(companyColumn, "char(10)"), new("Code", "char(10)"), new("Amount", "float"), new("tstamp", "timestamp")], [companyColumn, "Code"]);

    /// <summary>The staging table Business Central would hold for <see cref="SlCustomTable"/> in a company.</summary>
    public static TableSchema BcCustomTable(string company, string bcTable) =>
        SampleEnvironmentBuilder.BcSchema(StagingTable(company, bcTable),
            [new("CpnyID", "nvarchar(10)"), new("Code", "nvarchar(10)"), new("Amount", "decimal(38,20)")], ["CpnyID", "Code"]);

    /// <summary><paramref name="count"/> rows of <see cref="SlCustomTable"/> for a company, its id padded as SL stores it.</summary>
    public static IEnumerable<object?[]> SlRows(string company, int count) =>
        Enumerable.Range(0, count).Select(i => new object?[] { company.PadRight(10), "K" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1.5 * i, new byte[8] });
}
