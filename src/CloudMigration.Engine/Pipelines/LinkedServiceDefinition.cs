using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// A typed view of a linked service resource (LinkedService in entityTypes/LinkedService.json): SqlServer,
/// AzureSqlDatabase or the local-only <see cref="LinkedServiceTypes.Sqlite"/>. Secrets are in
/// typeProperties; this view never prints them.
/// </summary>
public sealed class LinkedServiceDefinition
{
    private LinkedServiceDefinition(JsonObject properties)
    {
        Properties = properties;
        Type = AdfJson.GetString(properties, "type") ?? string.Empty;
        ConnectVia = AdfReference.From(properties["connectVia"]);
        Parameters = PipelineParameter.ListOf(AdfJson.GetObject(properties, "parameters"));
        TypeProperties = AdfJson.GetObject(properties, "typeProperties") ?? [];
    }

    public JsonObject Properties { get; }

    public string Type { get; }

    /// <summary>The integration runtime it connects through, when any.</summary>
    public AdfReference? ConnectVia { get; }

    public IReadOnlyList<PipelineParameter> Parameters { get; }

    public JsonObject TypeProperties { get; }

    public static LinkedServiceDefinition From(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new LinkedServiceDefinition(AdfJson.GetObject(json, "properties") ?? []);
    }

    public override string ToString() => Type;
}
