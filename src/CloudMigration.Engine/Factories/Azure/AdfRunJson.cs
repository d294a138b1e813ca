using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>Pipeline runs and activity runs in ADF's JSON, and the RunFilterParameters body of the query actions.</summary>
internal static class AdfRunJson
{
    /// <summary>A RunFilterParameters body: the window (required by ADF), optional filters and order, a continuation token.</summary>
    public static JsonObject Filter(DateTimeOffset after, DateTimeOffset before, JsonArray? filters, string? continuationToken, string? orderBy = null)
    {
        var body = new JsonObject
        {
            ["lastUpdatedAfter"] = AdfJsonValues.Format(after),
            ["lastUpdatedBefore"] = AdfJsonValues.Format(before),
        };
        if (filters is { Count: > 0 })
        {
            body["filters"] = filters;
        }

        if (orderBy is not null)
        {
            body["orderBy"] = new JsonArray(new JsonObject { ["orderBy"] = orderBy, ["order"] = "ASC" });
        }

        if (continuationToken is not null)
        {
            body["continuationToken"] = continuationToken;
        }

        return body;
    }

    /// <summary>One RunQueryFilter: operand (PipelineName, Status, ...), operator (Equals, In, ...), values.</summary>
    public static JsonObject Condition(string operand, string @operator, IEnumerable<string> values) =>
        new() { ["operand"] = operand, ["operator"] = @operator, ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]) };

    public static PipelineRunInfo Run(string factory, JsonObject run) => new()
    {
        RunId = AdfJsonValues.String(run, "runId") ?? string.Empty,
        Factory = factory,
        PipelineName = AdfJsonValues.String(run, "pipelineName") ?? string.Empty,
        Status = Enum.TryParse<PipelineRunStatus>(AdfJsonValues.String(run, "status"), ignoreCase: true, out var status) ? status : PipelineRunStatus.Queued,
        Parameters = Parameters(AdfJsonValues.Object(run, "parameters")),
        RunStart = AdfJsonValues.Time(run, "runStart"),
        RunEnd = AdfJsonValues.Time(run, "runEnd"),
        LastUpdated = AdfJsonValues.Time(run, "lastUpdated"),
        Message = AdfJsonValues.String(run, "message") ?? string.Empty,
    };

    public static ActivityRunInfo Activity(JsonObject activity)
    {
        var error = AdfJsonValues.Object(activity, "error");
        return new ActivityRunInfo
        {
            RunId = AdfJsonValues.String(activity, "pipelineRunId") ?? string.Empty,
            ActivityName = AdfJsonValues.String(activity, "activityName") ?? string.Empty,
            ActivityType = AdfJsonValues.String(activity, "activityType") ?? string.Empty,
            Status = Enum.TryParse<ActivityRunStatus>(AdfJsonValues.String(activity, "status"), ignoreCase: true, out var status) ? status : ActivityRunStatus.InProgress,
            Start = AdfJsonValues.Time(activity, "activityRunStart"),
            End = AdfJsonValues.Time(activity, "activityRunEnd"),
            Input = activity["input"]?.DeepClone(),
            Output = activity["output"]?.DeepClone(),
            ErrorCode = Blank(AdfJsonValues.String(error, "errorCode")),
            ErrorMessage = Blank(AdfJsonValues.String(error, "message")),
        };
    }

    /// <summary>ADF reports run parameters as a map of strings.</summary>
    private static JsonObject Parameters(JsonObject? parameters)
    {
        var result = new JsonObject();
        foreach (var (name, value) in parameters ?? [])
        {
            result[name] = AdfJsonValues.ParameterText(value);
        }

        return result;
    }

    // ADF sends an error object with empty strings for activities that did not fail.
    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
