using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication.Runs;

/// <summary>One control-table row as a run reads it: the plan entry it stands for.</summary>
internal sealed record ControlTableRow(int TableId, bool Enabled, TablePlanEntry Entry);

/// <summary>What the engine decided for one table when the run started; a <see cref="Warning"/> means it is not copied (and why).</summary>
internal sealed record PreparedTable(ControlTableRow Row, ReplicationCopyType CopyType, string Reason, long? FromVersion, long? ToVersion, string SourceQuery, string StageTable)
{
    /// <summary>Business Central's error code of a table missing on the source (a Warning, not a failure).</summary>
    public const string MissingOnSourceCode = "50004";

    public string? Warning { get; init; }
}

/// <summary>
/// The runs and their table results in the destination's control schema (cm_ReplicationRun, cm_ReplicationTableResult /
/// cm.ReplicationRun, cm.ReplicationTableResult), and the control-table rows a run prepares. Plain parameterized SQL,
/// the same on both dialects but for quoting; every write is one transaction.
/// </summary>
internal sealed class ReplicationRunStore(CmEndpoint destination)
{
    private readonly ISqlProvider provider = SqlProviders.For(destination);

    private ISqlDialect Dialect => provider.Dialect;

    private string Runs => ControlSchema.QuotedName(Dialect, ControlSchema.ReplicationRun);

    private string Results => ControlSchema.QuotedName(Dialect, ControlSchema.ReplicationTableResult);

    private string Control => ControlTable.QuotedName(Dialect);

    public async Task<IReadOnlyList<ControlTableRow>> ReadControlRowsAsync(CancellationToken cancellationToken) => await ReadAsync(connection => connection.QueryAsync(
        "SELECT TableId, Enabled, Company, SourceDatabase, SourceTable, DestinationTable, KeyColumns, Columns, FilteredByCompany FROM " + Control + " ORDER BY TableId;",
        r => new ControlTableRow(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture) != 0, new TablePlanEntry
        {
            Company = r.GetString(2),
            SourceDatabase = r.GetString(3),
            SourceTable = r.GetString(4),
            DestinationTable = r.GetString(5),
            CopyMethod = CopyMethod.Delta,
            Reason = string.Empty,
            KeyColumns = new NameList((JsonNode.Parse(r.GetString(6)) as JsonArray ?? []).Select(k => (string?)k ?? string.Empty).ToArray()),
            Columns = ControlRowBuilder.ParseColumns(r.GetString(7)),
            FilteredByCompany = Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture) != 0,
            Status = PlanStatus.Ready,
        }), cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>Creates the sync state table and each prepared table's staging table anew (the plan's columns, nullable, and cm_Op).</summary>
    public Task CreateStagesAsync(IReadOnlyList<PreparedTable> tables, CancellationToken cancellationToken) => WriteAsync(async (connection, _) =>
    {
        await SyncStateStore.EnsureAsync(connection, Dialect, cancellationToken).ConfigureAwait(false);
        var q = Dialect.QuoteIdentifier;
        foreach (var table in tables.Where(t => t.Warning is null))
        {
            // Typed as the plan says the destination declares them, every column nullable (a deleted key's row carries only its key);
            // made from the plan, not from the destination table, so a table gone from the destination fails its own apply, not the run.
            var entry = table.Row.Entry;
            var columns = string.Join(", ", entry.Columns.Select(c => q(c.Destination) + (c.DestinationType is { Length: > 0 } type ? " " + type : string.Empty) + " NULL"));
            var op = q(ControlRowBuilder.StageOperationColumn);
            var stage = Dialect is SqliteDialect ? q(table.StageTable) : q(ControlSchema.SchemaName) + "." + q(table.StageTable);
            var sql = "DROP TABLE IF EXISTS " + stage + "; CREATE TABLE " + stage + " (" + columns + ", " + op + (Dialect is SqliteDialect ? " TEXT" : " nchar(1)") + " NOT NULL);";
            await ExecuteAsync(connection, null, sql, [], cancellationToken).ConfigureAwait(false);
        }
    }, cancellationToken, transactional: false);

    /// <summary>Records the run with its tables NotStarted and points the control table at it: its rows get the run's queries, the others leave it.</summary>
    public Task CreateRunAsync(ReplicationRun run, IReadOnlyList<PreparedTable> tables, IReadOnlyList<ControlTableRow> all, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO " + Runs + " (RunId, RequestId, Type, Status, StartedAt, Tables, TablesFailed, RecordsCopied, Message) VALUES (@run, @request, @type, @status, @at, @tables, 0, 0, @message);",
                [("@run", run.RunId), ("@request", run.RequestId), ("@type", run.Type.ToString()), ("@status", run.Status.ToString()), ("@at", Time(run.StartedAt)),
                 ("@tables", run.Tables), ("@message", run.Message)], cancellationToken).ConfigureAwait(false);
            foreach (var row in all)
            {
                await ExecuteAsync(connection, transaction, "UPDATE " + Control + " SET RunId = NULL, StageTable = @stage WHERE TableId = @id;",
                    [("@stage", ControlSchema.StageTableName(Dialect, row.TableId)), ("@id", row.TableId)], cancellationToken).ConfigureAwait(false);
            }

            foreach (var table in tables)
            {
                var entry = table.Row.Entry;
                var skipped = table.Warning is not null;
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO " + Results + " (RunId, TableId, Company, SourceTable, DestinationTable, CopyType, Reason, Status, ErrorCode, ErrorMessage, StartedAt, CompletedAt) " +
                    "VALUES (@run, @id, @company, @source, @destination, @copy, @reason, @status, @code, @message, @at, @at);",
                    [("@run", run.RunId), ("@id", table.Row.TableId), ("@company", entry.Company), ("@source", entry.SourceTable), ("@destination", entry.DestinationTable),
                     ("@copy", table.CopyType.ToString()), ("@reason", table.Reason),
                     ("@status", skipped ? nameof(ReplicationTableStatus.Warning) : nameof(ReplicationTableStatus.NotStarted)),
                     ("@code", skipped ? PreparedTable.MissingOnSourceCode : null), ("@message", table.Warning), ("@at", skipped ? Time(run.StartedAt) : null)],
                    cancellationToken).ConfigureAwait(false);
                if (skipped)
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction,
                    "UPDATE " + Control + " SET RunId = @run, StageTable = @stage, CopyType = @copy, FromVersion = @from, ToVersion = @to, SourceQuery = @query, " +
                    "PreCopyScript = @pre, WriteBehavior = 'Insert' WHERE TableId = @id;",
                    [("@run", run.RunId), ("@stage", table.StageTable), ("@copy", table.CopyType.ToString()), ("@from", table.FromVersion), ("@to", table.ToVersion),
                     ("@query", table.SourceQuery), ("@pre", PreCopyScript(Dialect, table.StageTable, run.RunId, table.Row.TableId)), ("@id", table.Row.TableId)], cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>
    /// The copy's pre-copy script of a run's table: empties its stage and marks the table InProgress with its start time,
    /// as the copy begins (so no extra activity per table is needed).
    /// </summary>
    internal static string PreCopyScript(ISqlDialect dialect, string stageTable, string runId, int tableId) =>
        string.Join(" ", PreCopyStatements(dialect, stageTable, runId, tableId));

    /// <summary>The statements of <see cref="PreCopyScript"/>, one each.</summary>
    internal static IReadOnlyList<string> PreCopyStatements(ISqlDialect dialect, string stageTable, string runId, int tableId)
    {
        var q = dialect.QuoteIdentifier;
        var stage = dialect is SqliteDialect ? q(stageTable) : q(ControlSchema.SchemaName) + "." + q(stageTable);
        return
        [
            "DELETE FROM " + stage + ";",
            "UPDATE " + ControlSchema.QuotedName(dialect, ControlSchema.ReplicationTableResult) + " SET Status = 'InProgress', StartedAt = " +
            ReplicationDialects.For(dialect).UtcNowText + " WHERE RunId = '" + runId.Replace("'", "''", StringComparison.Ordinal) + "' AND TableId = " +
            tableId.ToString(CultureInfo.InvariantCulture) + " AND Status = 'NotStarted';",
        ];
    }

    public Task SetPipelineRunAsync(string runId, string pipelineRunId, CancellationToken cancellationToken) => WriteAsync((connection, transaction) =>
        ExecuteAsync(connection, transaction, "UPDATE " + Runs + " SET PipelineRunId = @pipeline WHERE RunId = @run;", [("@pipeline", pipelineRunId), ("@run", runId)], cancellationToken),
        cancellationToken);

    /// <summary>Closes the run: its status and counts, the tables never applied marked, and the control table's rows no longer pointing at it.</summary>
    public Task CloseRunAsync(string runId, ReplicationRunStatus status, DateTimeOffset at, string message, string? unfinishedTableStatus, string unfinishedMessage,
        CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        if (unfinishedTableStatus is not null)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE " + Results + " SET Status = @status, ErrorMessage = @message, CompletedAt = @at WHERE RunId = @run AND Status IN ('NotStarted', 'InProgress');",
                [("@status", unfinishedTableStatus), ("@message", unfinishedMessage), ("@at", Time(at)), ("@run", runId)], cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction,
            "UPDATE " + Runs + " SET Status = @status, CompletedAt = @at, Message = @message, " +
            "TablesFailed = (SELECT COUNT(*) FROM " + Results + " WHERE RunId = @run AND Status = 'Failed'), " +
            "RecordsCopied = (SELECT COALESCE(SUM(RecordsCopied), 0) FROM " + Results + " WHERE RunId = @run AND Status IN ('Successful', 'Warning')) WHERE RunId = @run;",
            [("@status", status.ToString()), ("@at", Time(at)), ("@message", message), ("@run", runId)], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE " + Control + " SET RunId = NULL WHERE RunId = @run;", [("@run", runId)], cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public async Task<IReadOnlyList<ReplicationRun>> ReadRunsAsync(string? runId, CancellationToken cancellationToken) => await ReadAsync(connection => connection.QueryAsync(
        "SELECT RunId, RequestId, Type, Status, StartedAt, CompletedAt, Tables, TablesFailed, RecordsCopied, PipelineRunId, Message FROM " + Runs +
        (runId is null ? string.Empty : " WHERE RunId = @run") + " ORDER BY StartedAt DESC, RunId;",
        r => new ReplicationRun
        {
            RunId = r.GetString(0),
            RequestId = r.GetString(1),
            Destination = destination.DisplayString,
            Type = Enum.Parse<ReplicationRunType>(r.GetString(2)),
            Status = Enum.Parse<ReplicationRunStatus>(r.GetString(3)),
            StartedAt = ParseTime(r.GetValue(4))!.Value,
            CompletedAt = ParseTime(r.GetValue(5)),
            Tables = Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
            TablesFailed = Convert.ToInt32(r.GetValue(7), CultureInfo.InvariantCulture),
            RecordsCopied = Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture),
            PipelineRunId = r.IsDBNull(9) ? null : r.GetString(9),
            Message = r.IsDBNull(10) ? string.Empty : r.GetString(10),
        }, cancellationToken, ("@run", runId)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ReplicationTableResult>> ReadResultsAsync(string runId, CancellationToken cancellationToken) => await ReadAsync(connection => connection.QueryAsync(
        "SELECT RunId, TableId, Company, SourceTable, DestinationTable, CopyType, Reason, Status, RecordsCopied, TotalRecords, ErrorCode, ErrorMessage, StartedAt, CompletedAt FROM " +
        Results + " WHERE RunId = @run ORDER BY TableId;",
        r => new ReplicationTableResult
        {
            RunId = r.GetString(0),
            TableId = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture),
            Company = r.GetString(2),
            SourceTable = r.GetString(3),
            DestinationTable = r.GetString(4),
            CopyType = Enum.Parse<ReplicationCopyType>(r.GetString(5)),
            Reason = r.IsDBNull(6) ? string.Empty : r.GetString(6),
            Status = Enum.Parse<ReplicationTableStatus>(r.GetString(7)),
            RecordsCopied = r.IsDBNull(8) ? null : Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture),
            TotalRecords = r.IsDBNull(9) ? null : Convert.ToInt64(r.GetValue(9), CultureInfo.InvariantCulture),
            ErrorCode = r.IsDBNull(10) ? null : r.GetString(10),
            ErrorMessage = r.IsDBNull(11) ? null : r.GetString(11),
            StartedAt = ParseTime(r.GetValue(12)),
            CompletedAt = ParseTime(r.GetValue(13)),
        }, cancellationToken, ("@run", runId)), cancellationToken).ConfigureAwait(false);

    /// <summary>How many rows each given staging table holds now (the rows a table's copy has committed so far); a table whose stage is gone is left out.</summary>
    public async Task<IReadOnlyDictionary<int, long>> ReadStagedRowsAsync(IEnumerable<(int TableId, string StageTable)> stages, CancellationToken cancellationToken)
    {
        var replication = ReplicationDialects.For(Dialect);
        var counts = new Dictionary<int, long>();
        await using var connection = await provider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false);
        foreach (var (tableId, stage) in stages)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = replication.StagedRows(stage);
            try
            {
                counts[tableId] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L, CultureInfo.InvariantCulture);
            }
            catch (DbException)
            {
                // Dropped or being made again between reads: no figure for it this time.
            }
        }

        return counts;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(object value) => value switch
    {
        DBNull or null => null,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => null,
    };

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await provider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await read(connection).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    private async Task WriteAsync(Func<DbConnection, DbTransaction?, Task> write, CancellationToken cancellationToken, bool transactional = true)
    {
        await using var connection = await provider.OpenAsync(destination, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!transactional)
            {
                await write(connection, null).ConfigureAwait(false);
                return;
            }

            await using var transaction = await ReplicationDialects.For(Dialect).BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await write(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
