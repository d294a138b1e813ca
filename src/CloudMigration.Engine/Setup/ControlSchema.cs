using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// The control schema in the destination: where setup keeps its state, what preparation collects, the compatibility
/// results, the table plan and the replication table. SQL Server keeps the tables in the schema cm ([cm].[Setup]);
/// SQLite, which has no schemas, as cm_Setup.
/// </summary>
public static class ControlSchema
{
    public const string SchemaName = "cm";

    /// <summary>Creates the setup's tables when missing (Sql/&lt;Dialect&gt;/Setup.CreateControlSchema.sql).</summary>
    public const string CreateScript = "Setup.CreateControlSchema";

    /// <summary>Drops the control schema with the replication table (Remove-CmSetup).</summary>
    public const string DropScript = "Setup.DropControlSchema";

    /// <summary>Whether the destination has a setup (one row, HasSetup).</summary>
    public const string ExistsScript = "Setup.Exists";

    /// <summary>Five result sets: the setup, its steps, compatibility results, plan counts, collected counts.</summary>
    public const string StateScript = "Setup.State";

    /// <summary>What the preparation pipeline creates in the source's system database (and Remove-CmSetup drops).</summary>
    public const string CreateSourceObjectsScript = "Setup.CreateSourceObjects";

    /// <summary>SQL Server only: the source's procedures, one batch.</summary>
    public const string CreateSourceProceduresScript = "Setup.CreateSourceProcedures";

    public const string DropSourceObjectsScript = "Setup.DropSourceObjects";

    public const string Setup = "Setup";
    public const string SetupStep = "SetupStep";
    public const string CompatibilityResult = "CompatibilityResult";
    public const string TablePlan = "TablePlan";
    public const string SourceCompany = "SourceCompany";
    public const string DestinationExtension = "DestinationExtension";
    public const string ReplicationTable = "ReplicationTable";
    public const string ReplicationRun = "ReplicationRun";
    public const string ReplicationTableResult = "ReplicationTableResult";

    /// <summary>The staging table of a control-table row: cm_Stage_&lt;TableId&gt; on SQLite, Stage_&lt;TableId&gt; in schema cm on SQL Server (as a dataset names it).</summary>
    public static string StageTableName(ISqlDialect dialect, int tableId)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var name = "Stage_" + tableId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return dialect is SqliteDialect ? SchemaName + "_" + name : name;
    }

    /// <summary>A control table as the dialect names it, quoted: [cm].[Name] or "cm_Name".</summary>
    public static string QuotedName(ISqlDialect dialect, string table)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect is SqliteDialect
            ? dialect.QuoteIdentifier(SchemaName + "_" + table)
            : dialect.QuoteIdentifier(SchemaName) + "." + dialect.QuoteIdentifier(table);
    }

    /// <summary>A control table as a dataset names it: schema cm and the table on SQL Server, no schema and cm_Name on SQLite.</summary>
    public static (string? Schema, string Table) DatasetName(EndpointKind kind, string table) =>
        kind == EndpointKind.Sqlite ? (null, SchemaName + "_" + table) : (SchemaName, table);
}
