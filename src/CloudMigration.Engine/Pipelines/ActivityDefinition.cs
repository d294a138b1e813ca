using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// A typed view of one activity's JSON (Activity in entityTypes/Pipeline.json). It reads; it does not validate:
/// <see cref="ResourceValidator"/> does that first. Missing parts read as empty.
/// </summary>
public sealed class ActivityDefinition
{
    public ActivityDefinition(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
        Name = AdfJson.GetString(json, "name") ?? string.Empty;
        Type = AdfJson.GetString(json, "type") ?? string.Empty;
        TypeProperties = AdfJson.GetObject(json, "typeProperties") ?? [];
        DependsOn = ReadDependencies(AdfJson.GetArray(json, "dependsOn"));
        LinkedServiceName = AdfReference.From(json["linkedServiceName"]);
        Inputs = ReadReferences(AdfJson.GetArray(json, "inputs"));
        Outputs = ReadReferences(AdfJson.GetArray(json, "outputs"));
        Activities = Type == ActivityTypes.ForEach ? ListOf(AdfJson.GetArray(TypeProperties, "activities")) : [];
    }

    /// <summary>The activity's JSON as stored in the pipeline.</summary>
    public JsonObject Json { get; }

    public string Name { get; }

    public string Type { get; }

    /// <summary>typeProperties, unresolved (expressions are evaluated when the activity runs).</summary>
    public JsonObject TypeProperties { get; }

    public IReadOnlyList<ActivityDependency> DependsOn { get; }

    /// <summary>For SqlServerStoredProcedure and Script: the linked service they run on.</summary>
    public AdfReference? LinkedServiceName { get; }

    /// <summary>For Copy: the source dataset(s).</summary>
    public IReadOnlyList<AdfReference> Inputs { get; }

    /// <summary>For Copy: the sink dataset(s).</summary>
    public IReadOnlyList<AdfReference> Outputs { get; }

    /// <summary>For ForEach: the inner activities.</summary>
    public IReadOnlyList<ActivityDefinition> Activities { get; }

    public static IReadOnlyList<ActivityDefinition> ListOf(JsonArray? activities) =>
        activities is null ? [] : activities.OfType<JsonObject>().Select(a => new ActivityDefinition(a)).ToArray();

    public override string ToString() => Name;

    private static IReadOnlyList<ActivityDependency> ReadDependencies(JsonArray? dependsOn)
    {
        if (dependsOn is null)
        {
            return [];
        }

        var list = new List<ActivityDependency>();
        foreach (var entry in dependsOn.OfType<JsonObject>())
        {
            var conditions = (AdfJson.GetArray(entry, "dependencyConditions") ?? [])
                .Select(c => AdfJson.TryGetString(c, out var text) && Enum.TryParse<DependencyCondition>(text, ignoreCase: true, out var condition) ? condition : (DependencyCondition?)null)
                .Where(c => c is not null)
                .Select(c => c!.Value)
                .ToArray();
            list.Add(new ActivityDependency(AdfJson.GetString(entry, "activity") ?? string.Empty, conditions));
        }

        return list;
    }

    private static IReadOnlyList<AdfReference> ReadReferences(JsonArray? references) =>
        references is null ? [] : references.Select(AdfReference.From).Where(r => r is not null).Select(r => r!).ToArray();
}
