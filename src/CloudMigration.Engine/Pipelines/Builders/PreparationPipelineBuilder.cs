using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>
/// The preparation pipeline, as Cloud Migration Setup's: check both sides, create the control objects, list the source
/// companies and the destination's extensions. Six activities:
/// <list type="number">
/// <item>CheckSource / CheckDestination: Lookups of Pipelines.DatabaseCheck (version and compatibility level; on SQL Server
///   the query fails with code 50001 below level 130).</item>
/// <item>CreateControlObjects (after both checks): a Script on the destination that creates the control table and, on SQL
///   Server, the cm.RecordTableResult procedure (on SQLite that procedure is C#).</item>
/// <item>ListCompanies (Discovery.SlCompanies on the system database) and ListExtensions (Discovery.BcExtensions): Lookups of all rows.</item>
/// </list>
/// The outputs (activity runs) are what setup reads next; the table plan it writes into the control table comes from the
/// engine's planner, not from a pipeline. Parameter: RequestId (the caller's own id, to find its run again).
/// </summary>
public static class PreparationPipelineBuilder
{
    public const string RequestIdParameter = "RequestId";
    public const string CheckSource = "CheckSource";
    public const string CheckDestination = "CheckDestination";
    public const string CreateControlObjects = "CreateControlObjects";
    public const string ListCompanies = "ListCompanies";
    public const string ListExtensions = "ListExtensions";

    public static JsonObject Build(PreparationPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sourceDialect = PipelineJson.Dialect(options.SourceKind);
        var destinationDialect = PipelineJson.Dialect(options.DestinationKind);
        var system = new JsonObject { [AdfResources.DatabaseParameter] = options.SourceSystemDatabase };

        var scripts = new JsonArray(new JsonObject { ["type"] = "NonQuery", ["text"] = destinationDialect.Script(ControlTable.CreateScript) });
        if (options.DestinationKind != EndpointKind.Sqlite)
        {
            scripts.Add(new JsonObject { ["type"] = "NonQuery", ["text"] = destinationDialect.Script(ControlTable.CreateProceduresScript) });
        }

        var activities = new JsonArray(
            PipelineJson.Lookup(CheckSource, options.SourceDataset, system, options.SourceKind, sourceDialect.Script("Pipelines.DatabaseCheck"), firstRowOnly: true),
            PipelineJson.Lookup(CheckDestination, options.DestinationDataset, null, options.DestinationKind, destinationDialect.Script("Pipelines.DatabaseCheck"), firstRowOnly: true),
            new JsonObject
            {
                ["name"] = CreateControlObjects,
                ["type"] = ActivityTypes.Script,
                ["dependsOn"] = PipelineJson.DependsOn((CheckSource, DependencyCondition.Succeeded), (CheckDestination, DependencyCondition.Succeeded)),
                ["linkedServiceName"] = PipelineJson.LinkedServiceReference(options.DestinationLinkedService),
                ["typeProperties"] = new JsonObject { ["scripts"] = scripts },
            },
            PipelineJson.Lookup(ListCompanies, options.SourceDataset, (JsonObject)system.DeepClone(), options.SourceKind, sourceDialect.Script("Discovery.SlCompanies"), firstRowOnly: false,
                PipelineJson.DependsOn((CheckSource, DependencyCondition.Succeeded))),
            PipelineJson.Lookup(ListExtensions, options.DestinationDataset, null, options.DestinationKind, destinationDialect.Script("Discovery.BcExtensions"), firstRowOnly: false,
                PipelineJson.DependsOn((CheckDestination, DependencyCondition.Succeeded))));

        return PipelineJson.Pipeline(
            "Cloud migration preparation: checks the source and destination, creates the control objects, lists companies and extensions.",
            new JsonObject { [RequestIdParameter] = new JsonObject { ["type"] = "String", ["defaultValue"] = string.Empty } },
            activities);
    }
}
