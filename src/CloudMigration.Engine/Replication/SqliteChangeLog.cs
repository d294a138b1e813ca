using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// Change tracking's semantics on SQLite, which has none of its own: triggers on each tracked table append to one
/// change log, cm_ChangeLog (Version INTEGER PRIMARY KEY AUTOINCREMENT: database-wide, increasing, never reused; the
/// table's name; its key values as a JSON array; 'I', 'U' or 'D'; when). An update that changes a key column is logged as
/// a delete of the old key and an insert of the new one, as SQL Server logs it. cm_ChangeTracking holds each tracked
/// table's key columns, trigger version and min valid version; the current version is the log's AUTOINCREMENT high-water
/// mark (sqlite_sequence), which cleanup does not lower. <see cref="Changes"/> reduces the log to net changes per key,
/// like CHANGETABLE(CHANGES ..): the last operation wins ('D' when the key ended deleted, 'I' when its first change in
/// the window was an insert, else 'U').
/// </summary>
internal sealed class SqliteChangeLog : IReplicationDialect
{
    public const string LogTable = "cm_ChangeLog";
    public const string StateTable = "cm_ChangeTracking";

    /// <summary>The version of the triggers' text; part of their names, so a newer engine replaces older triggers. SQLite's Facts.Database script names version 1's triggers: change both together.</summary>
    public const int TriggerVersion = 1;

    public static readonly SqliteChangeLog Instance = new();

    private SqliteChangeLog()
    {
    }

    public ISqlDialect Sql => SqliteDialect.Instance;

    public string CaptureEnabled =>
        "SELECT CASE WHEN (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('" + LogTable + "', '" + StateTable + "', 'sqlite_sequence')) = 3 THEN 1 ELSE 0 END AS CaptureEnabled;";

    /// <summary>The log's AUTOINCREMENT high-water mark: the last version handed out, 0 before the first change.</summary>
    public const string CurrentVersionExpression = "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '" + LogTable + "'), 0)";

    public string CurrentVersion => "SELECT " + CurrentVersionExpression + " AS CurrentVersion;";

    public string MinValidVersion(string table) =>
        "SELECT (SELECT MinValidVersion FROM " + StateTable + " WHERE TableName = " + Literal(table) + ") AS MinValidVersion;";

    public string Changes(string table, IReadOnlyList<string> keyColumns, DeltaVersion version)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(version);
        var keys = keyColumns.Select((k, i) => "json_extract(w.KeyValues, '$[" + i.ToString(CultureInfo.InvariantCulture) + "]') AS " + Q(k));
        return "(SELECT CASE WHEN l.Operation = 'D' THEN 'D' WHEN f.Operation = 'I' THEN 'I' ELSE 'U' END AS SYS_CHANGE_OPERATION, " +
               "w.LastVersion AS SYS_CHANGE_VERSION, " + string.Join(", ", keys) + " " +
               "FROM (SELECT KeyValues, MIN(Version) AS FirstVersion, MAX(Version) AS LastVersion FROM " + LogTable +
               " WHERE TableName = " + Literal(table) + " AND Version > " + version.Text + " GROUP BY KeyValues) AS w " +
               "JOIN " + LogTable + " AS f ON f.Version = w.FirstVersion JOIN " + LogTable + " AS l ON l.Version = w.LastVersion)";
    }

    /// <summary>The three triggers of a table (AFTER INSERT, UPDATE, DELETE), each created only when missing.</summary>
    public IReadOnlyList<string> EnableTable(string table, IReadOnlyList<string> keyColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        if (keyColumns.Count == 0)
        {
            throw new ArgumentException("A tracked table needs key columns.", nameof(keyColumns));
        }

        string Keys(string row) => "json_array(" + string.Join(", ", keyColumns.Select(k => row + "." + Q(k))) + ")";
        var sameKey = string.Join(" AND ", keyColumns.Select(k => "OLD." + Q(k) + " IS NEW." + Q(k)));
        var insertLog = "INSERT INTO " + LogTable + " (TableName, KeyValues, Operation) ";
        var name = Literal(table);
        return
        [
            "CREATE TRIGGER IF NOT EXISTS " + Q(TriggerName(table, "ins")) + " AFTER INSERT ON " + Q(table) + " FOR EACH ROW BEGIN " +
            insertLog + "VALUES (" + name + ", " + Keys("NEW") + ", 'I'); END;",
            "CREATE TRIGGER IF NOT EXISTS " + Q(TriggerName(table, "upd")) + " AFTER UPDATE ON " + Q(table) + " FOR EACH ROW BEGIN " +
            insertLog + "SELECT " + name + ", " + Keys("NEW") + ", 'U' WHERE " + sameKey + "; " +
            insertLog + "SELECT " + name + ", " + Keys("OLD") + ", 'D' WHERE NOT (" + sameKey + "); " +
            insertLog + "SELECT " + name + ", " + Keys("NEW") + ", 'I' WHERE NOT (" + sameKey + "); END;",
            "CREATE TRIGGER IF NOT EXISTS " + Q(TriggerName(table, "del")) + " AFTER DELETE ON " + Q(table) + " FOR EACH ROW BEGIN " +
            insertLog + "VALUES (" + name + ", " + Keys("OLD") + ", 'D'); END;",
        ];
    }

    /// <summary>cm_ct&lt;version&gt;_&lt;ins|upd|del&gt;_&lt;table&gt;.</summary>
    public static string TriggerName(string table, string operation) =>
        "cm_ct" + TriggerVersion.ToString(CultureInfo.InvariantCulture) + "_" + operation + "_" + table;

    /// <summary>The names of the change log triggers on a table, of any version (parameter @table).</summary>
    public const string TriggersOfTable = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = @table COLLATE NOCASE AND substr(name, 1, 5) = 'cm_ct';";

    /// <summary>
    /// The change log's objects in a database: its two tables (type 'table', name) and its triggers on any table, of any
    /// version (type 'trigger', name, tbl_name). Its indexes go with the tables.
    /// </summary>
    public const string Objects =
        "SELECT type, name, tbl_name FROM sqlite_master WHERE (type = 'table' AND name IN ('" + LogTable + "', '" + StateTable + "')) " +
        "OR (type = 'trigger' AND substr(name, 1, 5) = 'cm_ct') ORDER BY type, name;";

    /// <summary>Drops the change log: the given triggers, then its two tables (dropping cm_ChangeLog removes its sqlite_sequence row too).</summary>
    public static IReadOnlyList<string> Drop(IEnumerable<string> triggers) =>
    [
        .. triggers.Select(t => "DROP TRIGGER IF EXISTS " + Q(t) + ";"),
        "DROP TABLE IF EXISTS " + LogTable + ";",
        "DROP TABLE IF EXISTS " + StateTable + ";",
    ];

    public string SyncStateTable => Q("cm_SyncState");

    public string TextSortKey(string quotedExpression) => "rtrim(" + quotedExpression + ")";

    public string ExistingTables => "SELECT name AS Name FROM sqlite_master WHERE type = 'table';";

    public string UtcNowText => "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    public string StagedRows(string stageTable) => "SELECT COUNT(*) FROM " + Q(stageTable) + ";";

    public string RequiredColumns =>
        "SELECT name AS ColumnName, type AS TypeName FROM pragma_table_info(@table) WHERE \"notnull\" = 1 AND dflt_value IS NULL ORDER BY cid;";

    public string RequiredColumnsTableArgument(string table) => table;

    // One read transaction: the version, the changes and the min valid version come from one snapshot.
    public Task<DbTransaction?> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction?>(Sqlite(connection).BeginTransaction(deferred: true));

    // IMMEDIATE: take the write lock first, so two writers queue instead of failing to upgrade.
    public Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(Sqlite(connection).BeginTransaction(deferred: false));

    /// <summary>A text literal (table names are data in the log).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static SqliteConnection Sqlite(DbConnection connection) =>
        connection as SqliteConnection ?? throw new ArgumentException("A SQLite change log needs a SqliteConnection.", nameof(connection));

    private static string Q(string name) => SqliteDialect.Instance.QuoteIdentifier(name);
}
