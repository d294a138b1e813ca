using System.Globalization;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Procedures;

/// <summary>
/// cm.RecordTableResult on SQLite: writes one table's result into the control table. Parameters: TableId,
/// RequestId, Status (Successful or Failed), RowsCopied, ErrorMessage, ErrorCode (the failed activity's, recorded in the run's table result). The SQL Server procedure of the same name
/// (Sql/SqlServer/Pipelines.CreateProcedures.sql) does the same.
/// </summary>
public static class RecordTableResultProcedure
{
    public static async Task<SqliteProcedureResult> RunAsync(SqliteProcedureContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tableIdText = context.GetString("TableId");
        if (!long.TryParse(tableIdText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var tableId))
        {
            throw new CmException(ErrorIds.PipelineRunFailed, CmErrorCategory.InvalidArgument,
                $"{SqliteProcedureRegistry.RecordTableResult} needs an integer TableId, not '{tableIdText}'.",
                "Pass the control table's TableId (item().TableId in the replication pipeline).", tableIdText);
        }

        var rows = long.TryParse(context.GetString("RowsCopied"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var copied) ? copied : (long?)null;
        await RecordAsync(context.Connection, null, tableId, context.GetString("RequestId"), context.GetString("Status") ?? "Failed", rows, context.GetString("ErrorMessage"), context.Clock, cancellationToken,
            context.GetString("ErrorCode"))
            .ConfigureAwait(false);
        return SqliteProcedureResult.Empty;
    }

    /// <summary>
    /// Writes the result into the control row and, when the engine prepared a run for the row (its RunId), into the run's
    /// table result (cm_ReplicationTableResult).
    /// </summary>
    internal static async Task RecordAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long tableId, string? requestId, string status,
        long? rowsCopied, string? errorMessage, TimeProvider clock, CancellationToken cancellationToken, string? errorCode = null)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var at = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"UPDATE {ControlTable.QuotedName(SqliteDialect.Instance)} SET {q(ControlTable.LastRequestId)} = @requestId, {q(ControlTable.LastStatus)} = @status, " +
            $"{q(ControlTable.LastRowsCopied)} = @rows, {q(ControlTable.LastError)} = @error, {q(ControlTable.LastRunAt)} = @at WHERE {q(ControlTable.TableId)} = @tableId;";
        command.AddParameter("@requestId", requestId);
        command.AddParameter("@status", status);
        command.AddParameter("@rows", rowsCopied);
        command.AddParameter("@error", errorMessage is { Length: > 0 } error ? error : null);
        command.AddParameter("@at", at);
        command.AddParameter("@tableId", tableId);
        var updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new CmException(ErrorIds.ResourceNotFound, CmErrorCategory.ObjectNotFound,
                $"The control table has no row with TableId {tableId}.",
                "Run the preparation pipeline and write the table plan into the control table before replicating.", tableId);
        }

        var results = Setup.ControlSchema.QuotedName(SqliteDialect.Instance, Setup.ControlSchema.ReplicationTableResult);
        command.Parameters.Clear();
        command.CommandText =
            $"UPDATE {results} SET Status = @status, RecordsCopied = COALESCE(@rows, RecordsCopied), ErrorCode = @code, ErrorMessage = @error, CompletedAt = @at " +
            $"WHERE TableId = @tableId AND RunId = (SELECT {q(ControlTable.RunId)} FROM {ControlTable.QuotedName(SqliteDialect.Instance)} WHERE {q(ControlTable.TableId)} = @tableId);";
        command.AddParameter("@status", status);
        command.AddParameter("@rows", rowsCopied);
        command.AddParameter("@error", errorMessage is { Length: > 0 } message ? message : null);
        command.AddParameter("@code", errorCode is { Length: > 0 } code ? code : null);
        command.AddParameter("@at", at);
        command.AddParameter("@tableId", tableId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
