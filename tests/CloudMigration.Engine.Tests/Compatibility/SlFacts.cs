using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>Source-side facts as the gatherer would report them for a standard Dynamics SL database.</summary>
internal static class SlFacts
{
    /// <summary>Every mapped table of the healthy SQL Server source reserves this much.</summary>
    public const long TableBytes = 1024 * 1024;

    public const string CaseInsensitiveCollation = "SQL_Latin1_General_CP1_CI_AS";

    /// <summary>A company as the SL Company table stores it: CpnyID char(10) and CpnyName char(30), space padded.</summary>
    public static SlCompanyFacts Company(string id, string database, bool active = true) => new()
    {
        RawId = id.PadRight(10),
        RawName = ("Company " + id).PadRight(30),
        ApplicationDatabase = database,
        Active = active,
    };

    /// <summary>A company whose raw id is taken as given (no padding added).</summary>
    public static SlCompanyFacts RawCompany(string rawId, string database) => new()
    {
        RawId = rawId,
        RawName = "Company",
        ApplicationDatabase = database,
        Active = true,
    };

    /// <summary>The table with the SL schema, its size known and change tracked (SQL Server).</summary>
    public static TableFacts SqlServerTable(SlTable table) => new()
    {
        Schema = SampleEnvironmentBuilder.SlSchema(table),
        RowCount = 100,
        SizeBytes = TableBytes,
        ChangeTracked = true,
    };

    /// <summary>The table as SQLite reports it: no size per table, no change tracking.</summary>
    public static TableFacts SqliteTable(SlTable table) => new()
    {
        Schema = SampleEnvironmentBuilder.SlSchema(table),
        RowCount = 100,
    };

    /// <summary>Compatibility level 150, case-insensitive, db_owner, change tracking on for 3 days.</summary>
    public static DatabaseFacts SqlServerDatabase(string name, IEnumerable<TableFacts> tables) => new()
    {
        Name = name,
        CompatibilityLevel = 150,
        Collation = CaseInsensitiveCollation,
        IsDbOwner = true,
        ChangeTracking = true,
        RetentionPeriod = 3,
        RetentionUnits = "DAYS",
        AutoCleanup = true,
        SizeBytes = 512L * 1024 * 1024,
        Tables = ByName(tables),
    };

    /// <summary>A SQLite database file: a size, its tables, and nothing SQL-Server-only.</summary>
    public static DatabaseFacts SqliteDatabase(string name, IEnumerable<TableFacts> tables) => new()
    {
        Name = name,
        SizeBytes = 64L * 1024 * 1024,
        Tables = ByName(tables),
    };

    public static Dictionary<string, TableFacts> ByName(IEnumerable<TableFacts> tables) =>
        tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
}
