using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// A declared parameter of a pipeline, dataset or linked service (ParameterSpecification in datafactory.json):
/// its type (Object, String, Int, Float, Bool, Array, SecureString) and optional default value.
/// </summary>
public sealed record PipelineParameter(string Name, string Type, bool HasDefault, JsonNode? DefaultValue)
{
    /// <summary>The types ADF accepts for a parameter.</summary>
    public static IReadOnlyList<string> Types { get; } = ["Object", "String", "Int", "Float", "Bool", "Array", "SecureString"];

    /// <summary>The declared parameters of a "parameters" object, in order.</summary>
    public static IReadOnlyList<PipelineParameter> ListOf(JsonObject? parameters)
    {
        if (parameters is null)
        {
            return [];
        }

        var list = new List<PipelineParameter>();
        foreach (var (name, spec) in parameters)
        {
            var obj = spec as JsonObject;
            var hasDefault = obj?.ContainsKey("defaultValue") == true;
            list.Add(new PipelineParameter(name, AdfJson.GetString(obj, "type") ?? "String", hasDefault, hasDefault ? obj!["defaultValue"] : null));
        }

        return list;
    }
}
