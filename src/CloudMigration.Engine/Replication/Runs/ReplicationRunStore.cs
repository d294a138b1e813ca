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

    public async Task<IReadOnlyList<ControlTableRow>> ReadControlRowsAsync(CancellationToken cancellationToken) => await ReadAsync(connection => connection.QueryAsync(
        ReplicationRunStatements.ReadControlRows(Dialect),
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
        foreach (var table in tables.Where(t => t.Warning is null))
        {
            // Made from the plan, not from the destination table, so a table gone from the destination fails its own apply, not the run.
            await ExecuteAsync(connection, null, ReplicationRunStatements.CreateStage(Dialect, table.Row.Entry, table.StageTable), [], cancellationToken).ConfigureAwait(false);
        }
    }, cancellationToken, transactional: false);

    /// <summary>Records the run with its tables NotStarted and points the control table at it: its rows get the run's queries, the others leave it.</summary>
    public Task CreateRunAsync(ReplicationRun run, IReadOnlyList<PreparedTable> tables, IReadOnlyList<ControlTableRow> all, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, ReplicationRunStatements.InsertRun(Dialect),
                [("@run", run.RunId), ("@request", run.RequestId), ("@type", run.Type.ToString()), ("@status", run.Status.ToString()), ("@at", Time(run.StartedAt)),
                 ("@tables", run.Tables), ("@message", run.Message)], cancellationToken).ConfigureAwait(false);
            foreach (var row in all)
            {
                await ExecuteAsync(connection, transaction, ReplicationRunStatements.ResetControlRow(Dialect),
                    [("@stage", ControlSchema.StageTableName(Dialect, row.TableId)), ("@id", row.TableId)], cancellationToken).ConfigureAwait(false);
            }

            foreach (var table in tables)
            {
                var entry = table.Row.Entry;
                var skipped = table.Warning is not null;
                await ExecuteAsync(connection, transaction, ReplicationRunStatements.InsertResult(Dialect),
                    [("@run", run.RunId), ("@id", table.Row.TableId), ("@company", entry.Company), ("@source", entry.SourceTable), ("@destination", entry.DestinationTable),
                     ("@copy", table.CopyType.ToString()), ("@reason", table.Reason),
                     ("@status", skipped ? nameof(ReplicationTableStatus.Warning) : nameof(ReplicationTableStatus.NotStarted)),
                     ("@code", skipped ? PreparedTable.MissingOnSourceCode : null), ("@message", table.Warning), ("@at", skipped ? Time(run.StartedAt) : null)],
                    cancellationToken).ConfigureAwait(false);
                if (skipped)
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction, ReplicationRunStatements.PointControlRow(Dialect),
                    [("@run", run.RunId), ("@stage", table.StageTable), ("@copy", table.CopyType.ToString()), ("@from", table.FromVersion), ("@to", table.ToVersion),
                     ("@query", table.SourceQuery), ("@pre", ReplicationRunStatements.PreCopyScript(Dialect, table.StageTable, run.RunId, table.Row.TableId)),
                     ("@id", table.Row.TableId)], cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task SetPipelineRunAsync(string runId, string pipelineRunId, CancellationToken cancellationToken) => WriteAsync((connection, transaction) =>
        ExecuteAsync(connection, transaction, ReplicationRunStatements.SetPipelineRun(Dialect), [("@pipeline", pipelineRunId), ("@run", runId)], cancellationToken),
        cancellationToken);

    /// <summary>Closes the run: its status and counts, the tables never applied marked, and the control table's rows no longer pointing at it.</summary>
    public Task CloseRunAsync(string runId, ReplicationRunStatus status, DateTimeOffset at, string message, string? unfinishedTableStatus, string unfinishedMessage,
        CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        if (unfinishedTableStatus is not null)
        {
            await ExecuteAsync(connection, transaction, ReplicationRunStatements.CloseResults(Dialect),
                [("@status", unfinishedTableStatus), ("@message", unfinishedMessage), ("@at", Time(at)), ("@run", runId)], cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, ReplicationRunStatements.CloseRun(Dialect),
            [("@status", status.ToString()), ("@at", Time(at)), ("@message", message), ("@run", runId)], cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, ReplicationRunStatements.ReleaseControlRows(Dialect), [("@run", runId)], cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public async Task<IReadOnlyList<ReplicationRun>> ReadRunsAsync(string? runId, CancellationToken cancellationToken) => await ReadAsync(connection => connection.QueryAsync(
        ReplicationRunStatements.ReadRuns(Dialect, oneRun: runId is not null),
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
        ReplicationRunStatements.ReadResults(Dialect),
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
