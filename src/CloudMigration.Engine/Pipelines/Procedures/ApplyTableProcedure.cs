using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Procedures;

/// <summary>
/// cm.ApplyTable on SQLite: applies one control-table row's staged rows (cm_Stage_&lt;TableId&gt;, filled by the run's Copy)
/// to its destination table in ONE transaction, with the table's synced version and its result. The row carries what the
/// engine decided when the run started (RunId, CopyType, FromVersion, ToVersion, StageTable, Columns, KeyColumns).
/// <list type="bullet">
/// <item>Full: the destination table's rows are replaced by the staged rows; the synced version is set to ToVersion.</item>
/// <item>Delta: the staged 'D' keys are deleted and the 'U' rows upserted by key; the synced version moves from FromVersion
/// to ToVersion by compare-and-set (SyncStateConflict when another apply moved it).</item>
/// </list>
/// A Full apply inserts the staged rows with one INSERT ... SELECT (<see cref="FullStageInsert"/>); a Delta (and a Full of a
/// table whose columns are all key columns) writes them row by row, streamed from the stage, with <see cref="DestinationRowWriter"/>,
/// as <see cref="DeltaApplier"/> writes them. A row the engine did not
/// prepare (no RunId: the pipeline run on its own) only records its result, like cm.RecordTableResult. Parameters: TableId,
/// RequestId, RowsCopied. The SQL Server procedure (Sql/SqlServer/Pipelines.CreateApplyProcedure.sql) does the same.
/// </summary>
public static class ApplyTableProcedure
{
    /// <summary>Test hook: called inside the apply transaction before it commits (database file path, TableId); throwing rolls the apply back.</summary>
    internal static readonly ConcurrentDictionary<string, Func<int, Task>> BeforeCommit = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<SqliteProcedureResult> RunAsync(SqliteProcedureContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tableIdText = context.GetString("TableId");
        if (!int.TryParse(tableIdText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var tableId))
        {
            throw new CmException(ErrorIds.PipelineRunFailed, CmErrorCategory.InvalidArgument,
                $"{SqliteProcedureRegistry.ApplyTable} needs an integer TableId, not '{tableIdText}'.",
                "Pass the control table's TableId (item().TableId in the replication pipeline).", tableIdText);
        }

        var requestId = context.GetString("RequestId");
        long? rowsCopied = long.TryParse(context.GetString("RowsCopied"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var copied) ? copied : null;
        var connection = context.Connection;
        var dialect = SqliteDialect.Instance;
        var row = await ReadRowAsync(connection, tableId, cancellationToken).ConfigureAwait(false);
        if (row.RunId is null || row.StageTable is null)
        {
            await RecordTableResultProcedure.RecordAsync(connection, null, tableId, requestId, "Successful", rowsCopied, null, context.Clock, cancellationToken).ConfigureAwait(false);
            return SqliteProcedureResult.Empty;
        }

        var entry = row.Entry;
        var full = string.Equals(row.CopyType, "Full", StringComparison.OrdinalIgnoreCase);

        // A table without key columns is copied in full every run; its rows are only inserted.
        var table = full && entry.KeyColumns.Count == 0
            ? new ReplicatedTable { Table = entry.SourceTable, KeyColumns = [], Columns = entry.Columns.Select(c => c.Source).ToArray() }
            : ReplicatedTable.From(entry);
        var replication = ReplicationDialects.For(dialect);
        await SyncStateStore.EnsureAsync(connection, dialect, cancellationToken).ConfigureAwait(false);
        var required = await DeltaApplier.RequiredAsync(connection, replication, entry, context.Clock, cancellationToken).ConfigureAwait(false);

        await using var transaction = await replication.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var key = SyncState.For(entry);
        var now = context.Clock.GetUtcNow();
        if (full)
        {
            await SyncStateStore.SetAsync(connection, transaction, dialect, key with { LastSyncedVersion = row.ToVersion, LastMethod = "Full", SyncedAt = now }, cancellationToken)
                .ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "DELETE FROM " + dialect.QuoteIdentifier(entry.DestinationTable) + ";", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var state = await SyncStateStore.GetAsync(connection, transaction, dialect, key, cancellationToken).ConfigureAwait(false);
            if (row.FromVersion is not { } from || row.ToVersion is null || state?.LastSyncedVersion != from ||
                !await SyncStateStore.AdvanceAsync(connection, transaction, dialect, key with { LastSyncedVersion = row.ToVersion, LastMethod = "Delta", SyncedAt = now }, from, cancellationToken)
                    .ConfigureAwait(false))
            {
                throw new CmException(ErrorIds.SyncStateConflict, CmErrorCategory.InvalidOperation,
                    $"{entry}: the run read its changes from version {row.FromVersion?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}, but {entry.DestinationTable} is synced to " +
                    (state?.LastSyncedVersion?.ToString(CultureInfo.InvariantCulture) ?? "nothing") + ".",
                    "Run the replication again: it reads the changes from the table's synced version.", entry.ToString());
            }
        }

        var statements = DestinationStatements.Build(dialect, entry, table, required.Select(r => r.Column).ToArray());
        long applied;
        if (full && FullStageInsert.Applies(statements))
        {
            applied = await FullStageInsert.RunAsync(connection, transaction, entry, row.StageTable, required, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Row by row, streamed from the stage: the 'D' keys first, then the rows to write.
            await using var writer = new DestinationRowWriter(connection, transaction, dialect, entry, table, required);
            var keyOrdinals = table.KeyOrdinals().ToArray();
            applied = await ReadStageAsync(connection, transaction, entry, row.StageTable, deletes: true,
                item => writer.DeleteAsync(keyOrdinals.Select(o => item[o]).ToArray(), cancellationToken), cancellationToken).ConfigureAwait(false);
            applied += await ReadStageAsync(connection, transaction, entry, row.StageTable, deletes: false,
                full ? item => writer.InsertAsync(item, cancellationToken) : item => writer.UpsertAsync(item, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        await RecordTableResultProcedure.RecordAsync(connection, transaction, tableId, requestId, "Successful", applied, null, context.Clock, cancellationToken).ConfigureAwait(false);
        await using (var total = connection.CreateCommand())
        {
            // The destination's rows after the apply; reading the table also fails an apply whose table is gone, even with nothing to write.
            total.Transaction = transaction;
            total.CommandText = "UPDATE " + Setup.ControlSchema.QuotedName(dialect, Setup.ControlSchema.ReplicationTableResult) +
                                " SET TotalRecords = (SELECT COUNT(*) FROM " + dialect.QuoteIdentifier(entry.DestinationTable) + ") WHERE RunId = @run AND TableId = @tableId;";
            total.AddParameter("@run", row.RunId);
            total.AddParameter("@tableId", tableId);
            await total.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (connection.DataSource is { Length: > 0 } path && BeforeCommit.TryGetValue(Path.GetFullPath(path), out var hook))
        {
            await hook(tableId).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return SqliteProcedureResult.Empty;
    }

    /// <summary>
    /// Streams the stage's 'D' rows (or the others) to <paramref name="write"/>, one reused array of the plan's columns per row
    /// (SQLite reads the stage while the same transaction writes the destination table); returns the rows read.
    /// </summary>
    private static async Task<long> ReadStageAsync(DbConnection connection, DbTransaction transaction, TablePlanEntry entry, string stageTable, bool deletes,
        Func<object?[], Task> write, CancellationToken cancellationToken)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandTimeout = 0;
        read.CommandText = "SELECT " + string.Join(", ", entry.Columns.Select(c => q(c.Destination))) + " FROM " + q(stageTable) +
                           " WHERE " + q(ControlRowBuilder.StageOperationColumn) + (deletes ? " = 'D';" : " IS NOT 'D';");
        var item = new object?[entry.Columns.Count];
        long rows = 0;
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < item.Length; i++)
            {
                var value = reader.GetValue(i);
                item[i] = value is DBNull ? null : value;
            }

            await write(item).ConfigureAwait(false);
            rows++;
        }

        return rows;
    }

    private sealed record Row(string? RunId, string? CopyType, long? FromVersion, long? ToVersion, string? StageTable, TablePlanEntry Entry);

    private static async Task<Row> ReadRowAsync(DbConnection connection, int tableId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT RunId, CopyType, FromVersion, ToVersion, StageTable, Company, SourceDatabase, SourceTable, DestinationTable, KeyColumns, Columns, FilteredByCompany FROM " +
            ControlTable.QuotedName(SqliteDialect.Instance) + " WHERE TableId = @tableId;";
        command.AddParameter("@tableId", tableId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new CmException(ErrorIds.ResourceNotFound, CmErrorCategory.ObjectNotFound,
                $"The control table has no row with TableId {tableId}.",
                "Run the preparation pipeline and write the table plan into the control table before replicating.", tableId);
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        long? Long(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        var keys = (JsonNode.Parse(Text(9) ?? "[]") as JsonArray ?? []).Select(k => (string?)k ?? string.Empty).ToArray();
        var entry = new TablePlanEntry
        {
            Company = Text(5) ?? string.Empty,
            SourceDatabase = Text(6) ?? string.Empty,
            SourceTable = Text(7) ?? string.Empty,
            DestinationTable = Text(8) ?? string.Empty,
            CopyMethod = CopyMethod.Full,
            Reason = string.Empty,
            KeyColumns = new NameList(keys),
            Columns = ControlRowBuilder.ParseColumns(Text(10) ?? "[]"),
            FilteredByCompany = !reader.IsDBNull(11) && reader.GetInt64(11) != 0,
            Status = PlanStatus.Ready,
        };
        return new Row(Text(0), Text(1), Long(2), Long(3), Text(4), entry);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
