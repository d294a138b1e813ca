using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>
/// The replication pipeline: one metadata-driven pipeline, not one activity per table (ADF's 40-activity limit).
/// <list type="number">
/// <item>LookupTables: every enabled row of the control table (Pipelines.ReplicationTables), at most 5,000.</item>
/// <item>ForEachTable (batchCount tables at a time) over them:
///   CopyTable (the row's SourceQuery from its SourceDatabase into its StageTable, or its DestinationTable when the engine
///   prepared no run, after its PreCopyScript, with its WriteBehavior and KeyColumns), then ApplyTable (cm.ApplyTable: the
///   staged rows into the destination table, the synced version and the table's result, in one destination transaction),
///   and RecordFailed / RecordApplyFailed (cm.RecordTableResult with the error message) when the copy or the apply fails.</item>
/// </list>
/// A table that fails fails its iteration and the run ("do-if-else": its success path is skipped), after every other
/// table was copied and every result recorded. Parameter: RequestId, recorded with each table's result.
/// </summary>
public static class ReplicationPipelineBuilder
{
    public const string RequestIdParameter = "RequestId";
    public const string LookupTables = "LookupTables";
    public const string ForEachTable = "ForEachTable";
    public const string CopyTable = "CopyTable";
    public const string ApplyTable = "ApplyTable";
    public const string RecordFailed = "RecordFailed";
    public const string RecordApplyFailed = "RecordApplyFailed";

    public static JsonObject Build(ReplicationPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchCount is < 1 or > PipelineLimits.MaxBatchCount)
        {
            throw new CmException(ErrorIds.PipelineInvalid, CmErrorCategory.InvalidArgument,
                $"BatchCount is {options.BatchCount}; a ForEach runs 1 to {PipelineLimits.MaxBatchCount} items at a time.",
                $"Give a BatchCount from 1 to {PipelineLimits.MaxBatchCount}.", options.BatchCount);
        }

        static string Item(string column) => $"@item().{column}";
        var copy = new JsonObject
        {
            ["name"] = CopyTable,
            ["type"] = ActivityTypes.Copy,
            ["dependsOn"] = new JsonArray(),
            ["inputs"] = new JsonArray(PipelineJson.DatasetReference(options.SourceDataset, new JsonObject
            {
                [AdfResources.DatabaseParameter] = Item(ControlTable.SourceDatabase),
                [AdfResources.TableParameter] = Item(ControlTable.SourceTable),
            })),
            ["outputs"] = new JsonArray(PipelineJson.DatasetReference(options.DestinationDataset, Output(options))),
            ["typeProperties"] = new JsonObject
            {
                ["source"] = new JsonObject { ["type"] = PipelineJson.SourceType(options.SourceKind), ["sqlReaderQuery"] = Item(ControlTable.SourceQuery) },
                ["sink"] = new JsonObject
                {
                    ["type"] = PipelineJson.SinkType(options.DestinationKind),
                    ["preCopyScript"] = Item(ControlTable.PreCopyScript),
                    ["writeBehavior"] = AdfResources.Expression(Item(ControlTable.WriteBehavior)),
                    ["upsertSettings"] = new JsonObject
                    {
                        ["useTempDB"] = true,
                        ["keys"] = AdfResources.Expression($"@json(item().{ControlTable.KeyColumns})"),
                    },
                },
            },
        };

        var inner = new JsonArray(copy);
        if (options.RecordResults)
        {
            inner.Add(Apply(options));
            inner.Add(Record(options, RecordFailed, CopyTable, "Failed", null, CopyTable));
            inner.Add(Record(options, RecordApplyFailed, ApplyTable, "Failed", null, ApplyTable));
        }

        var activities = new JsonArray(
            PipelineJson.Lookup(LookupTables, options.DestinationDataset, null, options.DestinationKind,
                PipelineJson.Dialect(options.DestinationKind).Script(ControlTable.SelectScript), firstRowOnly: false),
            new JsonObject
            {
                ["name"] = ForEachTable,
                ["type"] = ActivityTypes.ForEach,
                ["dependsOn"] = PipelineJson.DependsOn((LookupTables, DependencyCondition.Succeeded)),
                ["typeProperties"] = new JsonObject
                {
                    ["items"] = AdfResources.Expression($"@activity('{LookupTables}').output.value"),
                    ["isSequential"] = false,
                    ["batchCount"] = options.BatchCount,
                    ["activities"] = inner,
                },
            });

        return PipelineJson.Pipeline(
            "Cloud migration replication: copies every table of the control table, batchCount at a time, and records each result.",
            new JsonObject { [RequestIdParameter] = new JsonObject { ["type"] = "String", ["defaultValue"] = string.Empty } },
            activities);
    }

    // The Copy writes into the run's staging table (schema cm on SQL Server) when the engine prepared one, else into the table itself.
    private static JsonObject Output(ReplicationPipelineOptions options)
    {
        var staged = $"equals(coalesce(item().{ControlTable.StageTable}, ''), '')";
        var parameters = new JsonObject
        {
            [AdfResources.TableParameter] = $"@if({staged}, item().{ControlTable.DestinationTable}, item().{ControlTable.StageTable})",
        };
        if (options.DestinationKind != EndpointKind.Sqlite)
        {
            parameters[AdfResources.SchemaParameter] = $"@if({staged}, 'dbo', '{Setup.ControlSchema.SchemaName}')";
        }

        return parameters;
    }

    private static JsonObject Apply(ReplicationPipelineOptions options) => new()
    {
        ["name"] = ApplyTable,
        ["type"] = ActivityTypes.SqlServerStoredProcedure,
        ["dependsOn"] = PipelineJson.DependsOn((CopyTable, DependencyCondition.Succeeded)),
        ["linkedServiceName"] = PipelineJson.LinkedServiceReference(options.DestinationLinkedService),
        ["typeProperties"] = new JsonObject
        {
            ["storedProcedureName"] = Procedures.SqliteProcedureRegistry.ApplyTable,
            ["storedProcedureParameters"] = new JsonObject
            {
                ["TableId"] = PipelineJson.StoredProcedureParameter($"@item().{ControlTable.TableId}", "Int"),
                ["RequestId"] = PipelineJson.StoredProcedureParameter($"@pipeline().parameters.{RequestIdParameter}", "String"),
                ["RowsCopied"] = PipelineJson.StoredProcedureParameter($"@activity('{CopyTable}').output.rowsCopied", "Int64"),
            },
        },
    };

    // Records the failed activity's error: its message and its code (ADF's error code, or the engine's error id locally).
    private static JsonObject Record(ReplicationPipelineOptions options, string name, string after, string status, string? rowsCopied, string failed) => new()
    {
        ["name"] = name,
        ["type"] = ActivityTypes.SqlServerStoredProcedure,
        ["dependsOn"] = PipelineJson.DependsOn((after, DependencyCondition.Failed)),
        ["linkedServiceName"] = PipelineJson.LinkedServiceReference(options.DestinationLinkedService),
        ["typeProperties"] = new JsonObject
        {
            ["storedProcedureName"] = Procedures.SqliteProcedureRegistry.RecordTableResult,
            ["storedProcedureParameters"] = new JsonObject
            {
                ["TableId"] = PipelineJson.StoredProcedureParameter($"@item().{ControlTable.TableId}", "Int"),
                ["RequestId"] = PipelineJson.StoredProcedureParameter($"@pipeline().parameters.{RequestIdParameter}", "String"),
                ["Status"] = PipelineJson.StoredProcedureParameter(status, "String"),
                ["RowsCopied"] = PipelineJson.StoredProcedureParameter(rowsCopied, "Int64"),
                ["ErrorMessage"] = PipelineJson.StoredProcedureParameter($"@activity('{failed}').error.message", "String"),
                ["ErrorCode"] = PipelineJson.StoredProcedureParameter($"@activity('{failed}').error.errorCode", "String"),
            },
        },
    };
}
