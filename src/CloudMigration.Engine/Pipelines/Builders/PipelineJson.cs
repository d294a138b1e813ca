using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>Small builders of activity JSON shared by the pipeline builders.</summary>
internal static class PipelineJson
{
    public static JsonArray DependsOn(params (string Activity, DependencyCondition Condition)[] dependencies) =>
        new(dependencies.Select(d => (JsonNode?)new JsonObject
        {
            ["activity"] = d.Activity,
            ["dependencyConditions"] = new JsonArray(d.Condition.ToString()),
        }).ToArray());

    public static JsonObject DatasetReference(string dataset, JsonObject? parameters = null) => new AdfReference(dataset, ReferenceTypes.Dataset, parameters).ToJson();

    public static JsonObject LinkedServiceReference(string linkedService, JsonObject? parameters = null) => new AdfReference(linkedService, ReferenceTypes.LinkedService, parameters).ToJson();

    public static string SourceType(EndpointKind kind) => kind == EndpointKind.AzureSql ? CopyTypes.AzureSqlSource : CopyTypes.SqlServerSource;

    public static string SinkType(EndpointKind kind) => kind == EndpointKind.AzureSql ? CopyTypes.AzureSqlSink : CopyTypes.SqlServerSink;

    public static Sql.ISqlDialect Dialect(EndpointKind kind) => kind == EndpointKind.Sqlite ? Sql.SqliteDialect.Instance : Sql.SqlServerDialect.Instance;

    public static JsonObject Lookup(string name, string dataset, JsonObject? datasetParameters, EndpointKind kind, string query, bool firstRowOnly, JsonArray? dependsOn = null) => new()
    {
        ["name"] = name,
        ["type"] = ActivityTypes.Lookup,
        ["dependsOn"] = dependsOn ?? [],
        ["typeProperties"] = new JsonObject
        {
            ["source"] = new JsonObject { ["type"] = SourceType(kind), ["sqlReaderQuery"] = query },
            ["dataset"] = DatasetReference(dataset, datasetParameters),
            ["firstRowOnly"] = firstRowOnly,
        },
    };

    public static JsonObject StoredProcedureParameter(JsonNode? value, string type) => new() { ["value"] = value, ["type"] = type };

    public static JsonObject Pipeline(string description, JsonObject parameters, JsonArray activities) => AdfResources.Resource(new JsonObject
    {
        ["description"] = description,
        ["parameters"] = parameters,
        ["activities"] = activities,
    });
}
