using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Setup;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>
/// The preparation pipeline, as Cloud Migration Setup's: check both sides, create the objects cloud migration keeps on
/// both sides, and collect the source companies and the destination's extensions into the control schema. Seven activities:
/// <list type="number">
/// <item>CheckSource / CheckDestination: Lookups of Pipelines.DatabaseCheck (version and compatibility level; on SQL Server
///   the query fails with code 50001 below level 130).</item>
/// <item>CreateControlObjects (after both checks): a Script on the destination that creates the control schema, the
///   replication table and, on SQL Server, the cm.RecordTableResult procedure (on SQLite that procedure is C#).</item>
/// <item>CreateSourceObjects (after CheckSource): a Script on the source's system database that creates the versioned cm
///   objects there (on SQL Server the cm.GetChangeVersion procedure).</item>
/// <item>CollectCompanies (Discovery.SlCompanies, source to the control schema's SourceCompany, after both Scripts), then
///   CollectExtensions (Discovery.BcExtensions, destination to DestinationExtension): Copy activities, each emptying its
///   table first, so a re-run never duplicates; one after the other, as both write the destination.</item>
/// </list>
/// The compatibility rules and the table plan are the engine's (Start-CmSetup runs them after this pipeline), not a
/// pipeline's. Parameter: RequestId (the caller's own id, to find its run again).
/// </summary>
public static class PreparationPipelineBuilder
{
    public const string RequestIdParameter = "RequestId";
    public const string CheckSource = "CheckSource";
    public const string CheckDestination = "CheckDestination";
    public const string CreateControlObjects = "CreateControlObjects";
    public const string CreateSourceObjects = "CreateSourceObjects";
    public const string CollectCompanies = "CollectCompanies";
    public const string CollectExtensions = "CollectExtensions";

    public static JsonObject Build(PreparationPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sourceDialect = PipelineJson.Dialect(options.SourceKind);
        var destinationDialect = PipelineJson.Dialect(options.DestinationKind);
        JsonObject System() => new() { [AdfResources.DatabaseParameter] = options.SourceSystemDatabase };

        var destinationScripts = Scripts(destinationDialect, ControlSchema.CreateScript, ControlTable.CreateScript);
        var sourceScripts = Scripts(sourceDialect, ControlSchema.CreateSourceObjectsScript);
        if (options.DestinationKind != EndpointKind.Sqlite)
        {
            destinationScripts.Add(Block(destinationDialect.Script(ControlTable.CreateProceduresScript)));
            destinationScripts.Add(Block(destinationDialect.Script(ControlTable.CreateApplyProcedureScript)));
        }

        if (options.SourceKind != EndpointKind.Sqlite)
        {
            sourceScripts.Add(Block(sourceDialect.Script(ControlSchema.CreateSourceProceduresScript)));
        }

        var activities = new JsonArray(
            PipelineJson.Lookup(CheckSource, options.SourceDataset, System(), options.SourceKind, sourceDialect.Script("Pipelines.DatabaseCheck"), firstRowOnly: true),
            PipelineJson.Lookup(CheckDestination, options.DestinationDataset, null, options.DestinationKind, destinationDialect.Script("Pipelines.DatabaseCheck"), firstRowOnly: true),
            Script(CreateControlObjects, PipelineJson.LinkedServiceReference(options.DestinationLinkedService), destinationScripts,
                (CheckSource, DependencyCondition.Succeeded), (CheckDestination, DependencyCondition.Succeeded)),
            Script(CreateSourceObjects, PipelineJson.LinkedServiceReference(options.SourceLinkedService, System()), sourceScripts,
                (CheckSource, DependencyCondition.Succeeded)),
            // One after the other: each writes the destination, and the extensions' copy also reads it. Two such copies at once
            // can wait on each other's locks in a file database (one reading while the other commits).
            Collect(CollectCompanies, PipelineJson.DatasetReference(options.SourceDataset, System()), options.SourceKind, sourceDialect.Script("Discovery.SlCompanies"),
                options, ControlSchema.SourceCompany, (CreateControlObjects, DependencyCondition.Succeeded), (CreateSourceObjects, DependencyCondition.Succeeded)),
            Collect(CollectExtensions, PipelineJson.DatasetReference(options.DestinationDataset), options.DestinationKind, destinationDialect.Script("Discovery.BcExtensions"),
                options, ControlSchema.DestinationExtension, (CollectCompanies, DependencyCondition.Succeeded)));

        return PipelineJson.Pipeline(
            "Cloud migration preparation: checks the source and destination, creates the control objects on both sides, collects companies and extensions.",
            new JsonObject { [RequestIdParameter] = new JsonObject { ["type"] = "String", ["defaultValue"] = string.Empty } },
            activities);
    }

    private static JsonArray Scripts(Sql.ISqlDialect dialect, params string[] names) => new(names.Select(n => (JsonNode?)Block(dialect.Script(n))).ToArray());

    private static JsonObject Block(string text) => new() { ["type"] = "NonQuery", ["text"] = text };

    private static JsonObject Script(string name, JsonObject linkedService, JsonArray scripts, params (string, DependencyCondition)[] dependsOn) => new()
    {
        ["name"] = name,
        ["type"] = ActivityTypes.Script,
        ["dependsOn"] = PipelineJson.DependsOn(dependsOn),
        ["linkedServiceName"] = linkedService,
        ["typeProperties"] = new JsonObject { ["scripts"] = scripts },
    };

    // A Copy of a discovery query's rows into a control table (emptied first), after the control objects exist.
    private static JsonObject Collect(string name, JsonObject input, EndpointKind inputKind, string query, PreparationPipelineOptions options, string table,
        params (string, DependencyCondition)[] dependsOn)
    {
        var (schema, tableName) = ControlSchema.DatasetName(options.DestinationKind, table);
        var output = new JsonObject { [AdfResources.TableParameter] = tableName };
        if (schema is not null)
        {
            output[AdfResources.SchemaParameter] = schema;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["type"] = ActivityTypes.Copy,
            ["dependsOn"] = PipelineJson.DependsOn(dependsOn),
            ["inputs"] = new JsonArray(input),
            ["outputs"] = new JsonArray(PipelineJson.DatasetReference(options.DestinationDataset, output)),
            ["typeProperties"] = new JsonObject
            {
                ["source"] = new JsonObject { ["type"] = PipelineJson.SourceType(inputKind), ["sqlReaderQuery"] = query },
                ["sink"] = new JsonObject
                {
                    ["type"] = PipelineJson.SinkType(options.DestinationKind),
                    ["preCopyScript"] = "DELETE FROM " + ControlSchema.QuotedName(PipelineJson.Dialect(options.DestinationKind), table) + ";",
                    ["writeBehavior"] = "insert",
                },
            },
        };
    }
}
