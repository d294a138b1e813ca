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

    /// <summary>The table's name as the dialect writes it, quoted.</summary>
    public static string QuotedName(ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return Setup.ControlSchema.QuotedName(dialect, Setup.ControlSchema.ReplicationTable);
    }
}
