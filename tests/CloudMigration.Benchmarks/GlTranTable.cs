using System.Globalization;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Benchmarks;

/// <summary>
/// A GLTran-shaped table for the copy benchmark: SL's fixed-width char columns (values padded with spaces), float amounts,
/// smalldatetime dates, a tstamp, key (Module, BatNbr, LineNbr) and CpnyID outside the key; and its BC staging shape
/// (nvarchar, decimal(38,20), datetime, no tstamp). Rows are deterministic: the same index always gives the same row.
/// </summary>
internal static class GlTranTable
{
    public const string Company = "0010";
    public const string SourceName = "GLTran";
    public const string DestinationName = "0010$SL GLTran Buffer";

    // (name, SL type, BC type)
    private static readonly (string Name, string Sl, string Bc)[] Fields =
    [
        ("CpnyID", "char(10)", "nvarchar(10)"), ("Module", "char(2)", "nvarchar(2)"), ("BatNbr", "char(10)", "nvarchar(10)"), ("LineNbr", "int", "int"),
        ("Acct", "char(10)", "nvarchar(10)"), ("Sub", "char(24)", "nvarchar(24)"), ("LedgerID", "char(10)", "nvarchar(10)"), ("FiscYr", "char(4)", "nvarchar(4)"),
        ("PerPost", "char(6)", "nvarchar(6)"), ("TranDate", "smalldatetime", "datetime"), ("TranDesc", "char(30)", "nvarchar(30)"), ("RefNbr", "char(10)", "nvarchar(10)"),
        ("CrAmt", "float", "decimal(38,20)"), ("DrAmt", "float", "decimal(38,20)"), ("CuryCrAmt", "float", "decimal(38,20)"), ("CuryDrAmt", "float", "decimal(38,20)"),
        ("CuryId", "char(4)", "nvarchar(4)"), ("Posted", "char(1)", "nvarchar(1)"), ("Rlsed", "smallint", "tinyint"), ("Crtd_DateTime", "smalldatetime", "datetime"),
        ("Crtd_User", "char(10)", "nvarchar(10)"), ("LUpd_DateTime", "smalldatetime", "datetime"), ("NoteID", "int", "int"),
    ];

    private static readonly string[] Key = ["Module", "BatNbr", "LineNbr"];
    private static readonly string[] Words = ["ACME", "NORTH", "SOUTH", "MAIN", "SUPPLY", "RETAIL", "WIDGET", "SERVICE", "STEEL", "OFFICE"];
    private static readonly DateTime BaseDate = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static TableSchema Source { get; } = new(SourceName,
        Fields.Select(f => new ColumnSchema(f.Name, f.Sl)).Append(new ColumnSchema("tstamp", "timestamp")).ToArray(), Key);

    public static TableSchema Destination(string name = DestinationName) => new(name, Fields.Select(f => new ColumnSchema(f.Name, f.Bc)).ToArray(), Key);

    /// <summary>The plan entry the planner would make for this table and company 0010.</summary>
    public static TablePlanEntry Entry { get; } = new()
    {
        Company = Company,
        SourceDatabase = "SLApp",
        SourceTable = SourceName,
        DestinationTable = DestinationName,
        CopyMethod = CopyMethod.Delta,
        Reason = "benchmark",
        KeyColumns = new NameList(Key),
        Columns = new ColumnMappingList(Fields.Select(f => new ColumnMapping(f.Name, f.Name, f.Sl, f.Bc)).ToArray()),
        FilteredByCompany = true,
        Status = PlanStatus.Ready,
    };

    /// <summary>The copy's source query (the control row's shape: mapped columns, company filter).</summary>
    public static string SourceQuery { get; } =
        "SELECT " + string.Join(", ", Fields.Select(f => SqliteDialect.Instance.QuoteIdentifier(f.Name))) + " FROM " + SourceName +
        " WHERE " + SqliteDialect.Instance.FixedWidthEquals("CpnyID", Company);

    /// <summary>Writes <paramref name="rows"/> rows in one transaction; returns the payload in bytes (UTF-8 text, 8 bytes per number or date).</summary>
    public static long Fill(SqliteConnection connection, int rows)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SchemaScripts.Insert(SqliteDialect.Instance, Source);
        var parameters = Source.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("@p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
        long payload = 0;
        var values = new object?[parameters.Length];
        for (var i = 0; i < rows; i++)
        {
            payload += Row(i, values);
            for (var p = 0; p < parameters.Length; p++)
            {
                parameters[p].Value = values[p] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return payload;
    }

    /// <summary>Fills <paramref name="values"/> with row <paramref name="index"/> (source column order); returns its payload bytes.</summary>
    public static long Row(int index, object?[] values)
    {
        var h = (uint)(index * 2654435761u);
        var word = Words[h % (uint)Words.Length];
        var date = BaseDate.AddDays(h % 2000);
        object?[] row =
        [
            Pad(Company, 10), Pad((index % 20).ToString("00", CultureInfo.InvariantCulture), 2), Pad((index / 20).ToString("D8", CultureInfo.InvariantCulture), 10), index % 20,
            Pad((1000 + h % 9000).ToString(CultureInfo.InvariantCulture), 10), Pad("01-" + (h % 1000).ToString("000", CultureInfo.InvariantCulture), 24), Pad("ACTUAL", 10),
            Pad(date.Year.ToString(CultureInfo.InvariantCulture), 4), Pad(date.ToString("yyyyMM", CultureInfo.InvariantCulture), 6), Date(date),
            Pad(word + " " + index.ToString(CultureInfo.InvariantCulture), 30), Pad("R" + (h % 100000).ToString(CultureInfo.InvariantCulture), 10),
            (h % 2 == 0 ? (h % 1_000_000) / 100.0 : 0.0), (h % 2 == 1 ? (h % 1_000_000) / 100.0 : 0.0), (h % 2 == 0 ? (h % 900_000) / 100.0 : 0.0), (h % 2 == 1 ? (h % 900_000) / 100.0 : 0.0),
            Pad("USD", 4), "P", (int)(h % 2), Date(date.AddMinutes(h % 1440)), Pad("SYSADMIN", 10), Date(date.AddMinutes(h % 2880)), (int)(h % 100000),
            BitConverter.GetBytes((long)index + 1),
        ];
        long payload = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = row[i];
            payload += row[i] switch
            {
                string s => s.Length, // ASCII
                byte[] => 0,          // tstamp is not copied
                _ => 8,
            };
        }

        return payload;
    }

    private static string Pad(string value, int width) => value.Length >= width ? value[..width] : value.PadRight(width);

    private static string Date(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
