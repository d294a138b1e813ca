using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>
/// The replication control table in the destination database: one row per table to copy (the table plan, written
/// by setup), read by the replication pipeline's Lookup, and updated with each table's result by the
/// cm.RecordTableResult procedure. SQL Server keeps it as [cm].[ReplicationTable] (schema cm); SQLite, which has no
/// schemas, as cm_ReplicationTable. The preparation pipeline creates it (Sql/&lt;Dialect&gt;/Pipelines.CreateControlTable.sql).
/// </summary>
public static class ControlTable
{
    public const string SqlServerName = "cm.ReplicationTable";

    public const string SqliteName = "cm_ReplicationTable";

    /// <summary>Creates the table (and on SQL Server the cm schema) when missing.</summary>
    public const string CreateScript = "Pipelines.CreateControlTable";

    /// <summary>SQL Server only: creates or alters the cm procedures (on SQLite they are C#, see SqliteProcedureRegistry).</summary>
    public const string CreateProceduresScript = "Pipelines.CreateProcedures";

    /// <summary>SQL Server only: creates or alters cm.ApplyTable (on SQLite it is C#, see ApplyTableProcedure).</summary>
    public const string CreateApplyProcedureScript = "Pipelines.CreateApplyProcedure";

    /// <summary>The replication Lookup's query: the enabled rows, in TableId order.</summary>
    public const string SelectScript = "Pipelines.ReplicationTables";

    // Columns the pipelines read (item().Column) and the procedure writes.
    public const string TableId = "TableId";
    public const string Company = "Company";
    public const string SourceDatabase = "SourceDatabase";
    public const string SourceTable = "SourceTable";
    public const string SourceQuery = "SourceQuery";
    public const string DestinationTable = "DestinationTable";

    /// <summary>Insert or Upsert.</summary>
    public const string WriteBehavior = "WriteBehavior";

    /// <summary>A JSON array of key column names, '[]' when none.</summary>
    public const string KeyColumns = "KeyColumns";

    /// <summary>SQL run on the destination before the copy (empty for none), e.g. deleting the company's rows for a full copy.</summary>
    public const string PreCopyScript = "PreCopyScript";

    public const string Enabled = "Enabled";
    public const string LastRequestId = "LastRequestId";
    public const string LastStatus = "LastStatus";
    public const string LastRowsCopied = "LastRowsCopied";
    public const string LastError = "LastError";
    public const string LastRunAt = "LastRunAt";

    /// <summary>The plan's mapped columns, JSON [{"Source","Destination"}] in the plan's order (written by setup).</summary>
    public const string Columns = "Columns";

    /// <summary>Whether the source rows are filtered to the company (the source table has CpnyID).</summary>
    public const string FilteredByCompany = "FilteredByCompany";

    /// <summary>The staging table the run's Copy fills (cm_Stage_&lt;TableId&gt; / cm.Stage_&lt;TableId&gt;); null until the engine prepared a run.</summary>
    public const string StageTable = "StageTable";

    /// <summary>The replication run the row belongs to; null when the current run does not copy it.</summary>
    public const string RunId = "RunId";

    /// <summary>Full or Delta, decided by the engine when the run started.</summary>
    public const string CopyType = "CopyType";

    /// <summary>The synced version the run read changes from (null: never synced).</summary>
    public const string FromVersion = "FromVersion";

    /// <summary>The source version the run read up to: the synced version once applied.</summary>
    public const string ToVersion = "ToVersion";

    /// <summary>The table's name as the dialect writes it, quoted.</summary>
    public static string QuotedName(ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return Setup.ControlSchema.QuotedName(dialect, Setup.ControlSchema.ReplicationTable);
    }
}
