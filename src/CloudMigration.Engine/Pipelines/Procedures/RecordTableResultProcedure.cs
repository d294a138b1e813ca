using System.Globalization;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Procedures;

/// <summary>
/// cm.RecordTableResult on SQLite: writes one table's result into the control table. Parameters: TableId,
/// RequestId, Status (Successful or Failed), RowsCopied, ErrorMessage. The SQL Server procedure of the same name
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

        var q = SqliteDialect.Instance.QuoteIdentifier;
        await using var command = context.Connection.CreateCommand();
        command.CommandText =
            $"UPDATE {ControlTable.QuotedName(SqliteDialect.Instance)} SET {q(ControlTable.LastRequestId)} = @requestId, {q(ControlTable.LastStatus)} = @status, " +
            $"{q(ControlTable.LastRowsCopied)} = @rows, {q(ControlTable.LastError)} = @error, {q(ControlTable.LastRunAt)} = @at WHERE {q(ControlTable.TableId)} = @tableId;";
        command.AddParameter("@requestId", context.GetString("RequestId"));
        command.AddParameter("@status", context.GetString("Status"));
        command.AddParameter("@rows", long.TryParse(context.GetString("RowsCopied"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows) ? rows : null);
        command.AddParameter("@error", context.GetString("ErrorMessage") is { Length: > 0 } error ? error : null);
        command.AddParameter("@at", context.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
        command.AddParameter("@tableId", tableId);
        var updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new CmException(ErrorIds.ResourceNotFound, CmErrorCategory.ObjectNotFound,
                $"The control table has no row with TableId {tableId}.",
                "Run the preparation pipeline and write the table plan into the control table before replicating.", tableId);
        }

        return SqliteProcedureResult.Empty;
    }
}
