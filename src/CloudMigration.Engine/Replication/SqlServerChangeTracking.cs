using System.Data.Common;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// SQL Server's own change tracking: CHANGE_TRACKING_CURRENT_VERSION(), CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(..))
/// and CHANGETABLE(CHANGES t, @last). Every text here is parsed by ScriptDom in the tests. Change tracking follows the
/// table's primary key, which the schema check makes equal to the plan's key columns.
/// </summary>
internal sealed class SqlServerChangeTracking : IReplicationDialect
{
    public static readonly SqlServerChangeTracking Instance = new();

    private SqlServerChangeTracking()
    {
    }

    public ISqlDialect Sql => SqlServerDialect.Instance;

    public string CaptureEnabled =>
        "SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID()) THEN 1 ELSE 0 END AS int) AS CaptureEnabled;";

    public string CurrentVersion => "SELECT CHANGE_TRACKING_CURRENT_VERSION() AS CurrentVersion;";

    public string MinValidVersion(string table) =>
        "SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(" + ObjectName(table) + ")) AS MinValidVersion;";

    public string Changes(string table, IReadOnlyList<string> keyColumns, DeltaVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return "CHANGETABLE(CHANGES " + Q(table) + ", " + version.Text + ")";
    }

    public IReadOnlyList<string> EnableTable(string table, IReadOnlyList<string> keyColumns) =>
    [
        "IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID(" + ObjectName(table) + "))\n" +
        "    ALTER TABLE " + Q(table) + " ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);",
    ];

    public string SyncStateTable => "[cm].[SyncState]";

    // RTRIM gives varchar for char: cast to nvarchar so BIN2 orders by code point, as SQLite's BINARY does for UTF-8.
    public string TextSortKey(string quotedExpression) => "CAST(RTRIM(" + quotedExpression + ") AS nvarchar(4000)) COLLATE Latin1_General_100_BIN2";

    public string ExistingTables => "SELECT t.name AS Name FROM sys.tables AS t WHERE t.schema_id = SCHEMA_ID(N'dbo');";

    public string UtcNowText => "CONVERT(nvarchar(23), SYSUTCDATETIME(), 121)";

    public string StagedRows(string stageTable) =>
        "SELECT COALESCE(SUM(p.rows), 0) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(N'" + Q(Setup.ControlSchema.SchemaName).Replace("'", "''", StringComparison.Ordinal) + "." +
        Q(stageTable).Replace("'", "''", StringComparison.Ordinal) + "') AND p.index_id IN (0, 1);";

    public string RequiredColumns =>
        "SELECT c.name AS ColumnName, t.name AS TypeName\n" +
        "FROM sys.columns AS c JOIN sys.types AS t ON t.user_type_id = c.user_type_id\n" +
        "WHERE c.object_id = OBJECT_ID(@table) AND c.is_nullable = 0 AND c.default_object_id = 0 AND c.is_identity = 0 AND c.is_computed = 0\n" +
        "  AND t.name NOT IN (N'timestamp', N'rowversion')\n" +
        "ORDER BY c.column_id;";

    public string RequiredColumnsTableArgument(string table) => Q(table);

    // Read committed: the reader takes the current version before the changes, so a change committed meanwhile is read
    // again by the next delta (applying is idempotent), never lost.
    public Task<DbTransaction?> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult<DbTransaction?>(null);

    public Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).AsTask();

    /// <summary>OBJECT_ID's argument: the quoted name as an N'' literal.</summary>
    private static string ObjectName(string table) => "N'" + Q(table).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Q(string name) => SqlServerDialect.Instance.QuoteIdentifier(name);
}
