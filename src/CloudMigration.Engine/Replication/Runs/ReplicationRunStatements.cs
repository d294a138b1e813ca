using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication.Runs;

/// <summary>
/// The SQL text <see cref="ReplicationRunStore"/> runs on the destination's control schema: one text per statement, the
/// same on both dialects but for quoting and the staging table's operation type. Kept here so the tests parse every one
/// of them as T-SQL (ReplicationScriptDomTests).
/// </summary>
internal static class ReplicationRunStatements
{
    public static string ReadControlRows(ISqlDialect dialect) =>
        "SELECT TableId, Enabled, Company, SourceDatabase, SourceTable, DestinationTable, KeyColumns, Columns, FilteredByCompany FROM " + Control(dialect) + " ORDER BY TableId;";

    /// <summary>A staging table anew: the plan's columns typed as the destination declares them, every one nullable (a deleted key's row carries only its key), and cm_Op.</summary>
    public static string CreateStage(ISqlDialect dialect, TablePlanEntry entry, string stageTable)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(entry);
        var q = dialect.QuoteIdentifier;
        var columns = string.Join(", ", entry.Columns.Select(c => q(c.Destination) + (c.DestinationType is { Length: > 0 } type ? " " + type : string.Empty) + " NULL"));
        var stage = Stage(dialect, stageTable);
        return "DROP TABLE IF EXISTS " + stage + "; CREATE TABLE " + stage + " (" + columns + ", " + q(ControlRowBuilder.StageOperationColumn) +
               (dialect is SqliteDialect ? " TEXT" : " nchar(1)") + " NOT NULL);";
    }

    /// <summary>The staging table's quoted name (in the cm schema on SQL Server).</summary>
    public static string Stage(ISqlDialect dialect, string stageTable)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect is SqliteDialect ? dialect.QuoteIdentifier(stageTable) : dialect.QuoteIdentifier(ControlSchema.SchemaName) + "." + dialect.QuoteIdentifier(stageTable);
    }

    /// <summary>
    /// The copy's pre-copy script of a run's table: empties its stage and marks the table InProgress with its start time,
    /// as the copy begins (so no extra activity per table is needed).
    /// </summary>
    public static string PreCopyScript(ISqlDialect dialect, string stageTable, string runId, int tableId) =>
        EmptyStage(dialect, stageTable) + " " + MarkInProgress(dialect, runId, tableId);

    /// <summary>Empties the staging table.</summary>
    public static string EmptyStage(ISqlDialect dialect, string stageTable) => "DELETE FROM " + Stage(dialect, stageTable) + ";";

    /// <summary>The table's result InProgress with its start time, if it has not started yet (the run id and table id as literals: the script is data in the control row).</summary>
    public static string MarkInProgress(ISqlDialect dialect, string runId, int tableId)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(runId);
        return "UPDATE " + Results(dialect) + " SET Status = 'InProgress', StartedAt = " + ReplicationDialects.For(dialect).UtcNowText +
               " WHERE RunId = '" + runId.Replace("'", "''", StringComparison.Ordinal) + "' AND TableId = " + tableId.ToString(System.Globalization.CultureInfo.InvariantCulture) +
               " AND Status = 'NotStarted';";
    }

    public static string InsertRun(ISqlDialect dialect) =>
        "INSERT INTO " + Runs(dialect) + " (RunId, RequestId, Type, Status, StartedAt, Tables, TablesFailed, RecordsCopied, Message) VALUES (@run, @request, @type, @status, @at, @tables, 0, 0, @message);";

    public static string ResetControlRow(ISqlDialect dialect) => "UPDATE " + Control(dialect) + " SET RunId = NULL, StageTable = @stage WHERE TableId = @id;";

    public static string InsertResult(ISqlDialect dialect) =>
        "INSERT INTO " + Results(dialect) + " (RunId, TableId, Company, SourceTable, DestinationTable, CopyType, Reason, Status, ErrorCode, ErrorMessage, StartedAt, CompletedAt) " +
        "VALUES (@run, @id, @company, @source, @destination, @copy, @reason, @status, @code, @message, @at, @at);";

    public static string PointControlRow(ISqlDialect dialect) =>
        "UPDATE " + Control(dialect) + " SET RunId = @run, StageTable = @stage, CopyType = @copy, FromVersion = @from, ToVersion = @to, SourceQuery = @query, " +
        "PreCopyScript = @pre, WriteBehavior = 'Insert' WHERE TableId = @id;";

    public static string SetPipelineRun(ISqlDialect dialect) => "UPDATE " + Runs(dialect) + " SET PipelineRunId = @pipeline WHERE RunId = @run;";

    public static string CloseResults(ISqlDialect dialect) =>
        "UPDATE " + Results(dialect) + " SET Status = @status, ErrorMessage = @message, CompletedAt = @at WHERE RunId = @run AND Status IN ('NotStarted', 'InProgress');";

    public static string CloseRun(ISqlDialect dialect) =>
        "UPDATE " + Runs(dialect) + " SET Status = @status, CompletedAt = @at, Message = @message, " +
        "TablesFailed = (SELECT COUNT(*) FROM " + Results(dialect) + " WHERE RunId = @run AND Status = 'Failed'), " +
        "RecordsCopied = (SELECT COALESCE(SUM(RecordsCopied), 0) FROM " + Results(dialect) + " WHERE RunId = @run AND Status IN ('Successful', 'Warning')) WHERE RunId = @run;";

    public static string ReleaseControlRows(ISqlDialect dialect) => "UPDATE " + Control(dialect) + " SET RunId = NULL WHERE RunId = @run;";

    public static string ReadRuns(ISqlDialect dialect, bool oneRun) =>
        "SELECT RunId, RequestId, Type, Status, StartedAt, CompletedAt, Tables, TablesFailed, RecordsCopied, PipelineRunId, Message FROM " + Runs(dialect) +
        (oneRun ? " WHERE RunId = @run" : string.Empty) + " ORDER BY StartedAt DESC, RunId;";

    public static string ReadResults(ISqlDialect dialect) =>
        "SELECT RunId, TableId, Company, SourceTable, DestinationTable, CopyType, Reason, Status, RecordsCopied, TotalRecords, ErrorCode, ErrorMessage, StartedAt, CompletedAt FROM " +
        Results(dialect) + " WHERE RunId = @run ORDER BY TableId;";

    private static string Runs(ISqlDialect dialect) => ControlSchema.QuotedName(dialect, ControlSchema.ReplicationRun);

    private static string Results(ISqlDialect dialect) => ControlSchema.QuotedName(dialect, ControlSchema.ReplicationTableResult);

    private static string Control(ISqlDialect dialect) => ControlTable.QuotedName(dialect);
}
