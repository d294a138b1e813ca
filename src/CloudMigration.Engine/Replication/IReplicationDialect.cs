using System.Data.Common;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// What differs between SQL Server and SQLite in replication: where changes come from (SQL Server's change tracking, or
/// the trigger-maintained change log on SQLite), the name of the sync state table, and how text keys sort the same way
/// on both sides. Everything else (the queries around the changes, reading, applying, verifying) is written once.
/// </summary>
internal interface IReplicationDialect
{
    ISqlDialect Sql { get; }

    /// <summary>One row, one column CaptureEnabled (int): 1 when the database captures changes (the queries below can run), else 0.</summary>
    string CaptureEnabled { get; }

    /// <summary>One row, one column CurrentVersion (bigint): the database's change version now; NULL when change capture is off.</summary>
    string CurrentVersion { get; }

    /// <summary>
    /// One row, one column MinValidVersion (bigint): the lowest synced version from which the table's changes are all still
    /// known; NULL when the table is not tracked. A reader whose version is lower must copy the table in full.
    /// </summary>
    string MinValidVersion(string table);

    /// <summary>
    /// A table expression (to follow FROM, aliased by the caller) of the net changes to <paramref name="table"/> after
    /// <paramref name="version"/>: one row per changed key with SYS_CHANGE_OPERATION ('I', 'U' or 'D'), SYS_CHANGE_VERSION
    /// and the key columns under their own names, as SQL Server's CHANGETABLE(CHANGES ..) returns them.
    /// </summary>
    string Changes(string table, IReadOnlyList<string> keyColumns, DeltaVersion version);

    /// <summary>Turns change capture on for one table (idempotent); run after <see cref="ReplicationScripts.EnableChangeCapture"/>.</summary>
    IReadOnlyList<string> EnableTable(string table, IReadOnlyList<string> keyColumns);

    /// <summary>The quoted name of the destination's sync state table (cm_SyncState / [cm].[SyncState]).</summary>
    string SyncStateTable { get; }

    /// <summary>
    /// An expression that sorts a text value with its trailing spaces trimmed, by code point, the same on both engines
    /// (SQLite's BINARY collation; a BIN2 collation on SQL Server), so two sides can be merged in one pass.
    /// </summary>
    string TextSortKey(string quotedExpression);

    /// <summary>
    /// The destination table's NOT NULL columns that have no default and take values (name, type), for a parameter @table
    /// given as <see cref="RequiredColumnsTableArgument"/>: an insert must supply them even when the plan maps nothing there.
    /// </summary>
    string RequiredColumns { get; }

    string RequiredColumnsTableArgument(string table);

    /// <summary>One column Name: the tables of the database (dbo's on SQL Server), so a run can tell a table missing on the source before copying it.</summary>
    string ExistingTables { get; }

    /// <summary>An expression of the current UTC time as text, as the control schema records times (yyyy-MM-dd HH:mm:ss.fff).</summary>
    string UtcNowText { get; }

    /// <summary>One row, one column: how many rows a staging table holds now (SQL Server's count from sys.partitions, without reading the rows).</summary>
    string StagedRows(string stageTable);

    /// <summary>Starts what the change reader runs in: a read snapshot on SQLite; nothing on SQL Server (see the order of reads).</summary>
    Task<DbTransaction?> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Starts the destination transaction that applies changes and advances the synced version together.</summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);
}

/// <summary>The replication dialect of an <see cref="ISqlDialect"/>.</summary>
internal static class ReplicationDialects
{
    public static IReplicationDialect For(ISqlDialect dialect) => dialect switch
    {
        SqliteDialect => SqliteChangeLog.Instance,
        SqlServerDialect => SqlServerChangeTracking.Instance,
        null => throw new ArgumentNullException(nameof(dialect)),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect.Name, "No replication dialect for this SQL dialect."),
    };
}
