using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>
/// RunFilterParameters as queryPipelineRuns and queryActivityruns take them: the window (lastUpdatedAfter and
/// lastUpdatedBefore, both required as in ADF), filters on PipelineName and Status (Equals, NotEquals, In, NotIn; the
/// emulator knows no other operand), and the continuation token of the next page.
/// </summary>
internal sealed class RunFilter
{
    private readonly List<(string Operand, bool Negated, HashSet<string> Values)> conditions = [];

    private RunFilter()
    {
    }

    public DateTimeOffset After { get; private init; }

    public DateTimeOffset Before { get; private init; }

    public int Skip { get; private init; }

    /// <summary>The filter, or the message of ADF's 400.</summary>
    public static (RunFilter? Filter, string? Error) Parse(JsonObject body)
    {
        if (!TryTime(body["lastUpdatedAfter"], out var after) || !TryTime(body["lastUpdatedBefore"], out var before))
        {
            return (null, "The request must give lastUpdatedAfter and lastUpdatedBefore as ISO 8601 times.");
        }

        var skip = 0;
        if (body["continuationToken"] is JsonValue token && token.GetValueKind() == JsonValueKind.String
            && !int.TryParse(token.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            return (null, "The continuationToken is not one this service issued.");
        }

        var filter = new RunFilter { After = after, Before = before, Skip = skip };
        foreach (var condition in (body["filters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var operand = condition["operand"]?.GetValue<string>() ?? string.Empty;
            var op = condition["operator"]?.GetValue<string>() ?? string.Empty;
            if (operand is not ("PipelineName" or "Status") || op is not ("Equals" or "NotEquals" or "In" or "NotIn"))
            {
                return (null, $"The emulator filters runs on PipelineName and Status with Equals, NotEquals, In or NotIn only, not '{operand} {op}'.");
            }

            var values = (condition["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? string.Empty).ToHashSet(StringComparer.OrdinalIgnoreCase);
            filter.conditions.Add((operand, op.StartsWith("Not", StringComparison.Ordinal), values));
        }

        return (filter, null);
    }

    public bool Matches(PipelineRunInfo run) =>
        run.LastUpdated is { } updated && updated >= After && updated <= Before
        && conditions.All(c => c.Values.Contains(c.Operand == "Status" ? run.Status.ToString() : run.PipelineName) != c.Negated);

    private static bool TryTime(JsonNode? node, out DateTimeOffset time)
    {
        time = default;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
