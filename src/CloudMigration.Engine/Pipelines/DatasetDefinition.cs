using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines;

/// <summary>A typed view of a dataset resource (Dataset in entityTypes/Dataset.json): SqlServerTable or AzureSqlTable.</summary>
public sealed class DatasetDefinition
{
    private DatasetDefinition(JsonObject properties)
    {
        Properties = properties;
        Type = AdfJson.GetString(properties, "type") ?? string.Empty;
        LinkedServiceName = AdfReference.From(properties["linkedServiceName"]);
        Parameters = PipelineParameter.ListOf(AdfJson.GetObject(properties, "parameters"));
        TypeProperties = AdfJson.GetObject(properties, "typeProperties") ?? [];
    }

    public JsonObject Properties { get; }

    public string Type { get; }

    public AdfReference? LinkedServiceName { get; }

    public IReadOnlyList<PipelineParameter> Parameters { get; }

    /// <summary>schema and table (or the older tableName), unresolved.</summary>
    public JsonObject TypeProperties { get; }

    public static DatasetDefinition From(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new DatasetDefinition(AdfJson.GetObject(json, "properties") ?? []);
    }
}
