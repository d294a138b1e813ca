using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories;

/// <summary>One pipeline run (ADF pipelineruns/{runId}).</summary>
public sealed class PipelineRunInfo
{
    public required string RunId { get; init; }

    public required string Factory { get; init; }

    public required string PipelineName { get; init; }

    public required PipelineRunStatus Status { get; init; }

    /// <summary>The parameters the run was created with (secrets never: pipelines take none).</summary>
    public JsonObject Parameters { get; init; } = [];

    public DateTimeOffset? RunStart { get; init; }

    public DateTimeOffset? RunEnd { get; init; }

    public TimeSpan? Duration => RunStart is { } start && RunEnd is { } end ? end - start : null;

    /// <summary>Why the run failed or was cancelled.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>
    /// The error id when the factory itself failed the run: <c>IntegrationRuntimeOffline</c> (it waited too long for a node),
    /// <c>PipelineRunFailed</c> (the executor threw, or its node stopped or stopped responding); null otherwise.
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>When the run was created (Queued).</summary>
    public DateTimeOffset? Queued { get; init; }

    /// <summary>When the run's status or message last changed.</summary>
    public DateTimeOffset? LastUpdated { get; init; }

    /// <summary>The integration runtime of the node that claimed the run (local factories), or null.</summary>
    public string? IntegrationRuntime { get; init; }

    /// <summary>The node that claimed the run (local factories), or null while Queued.</summary>
    public string? Node { get; init; }

    public override string ToString() => RunId;
}

/// <summary>One activity run of a pipeline run (ADF queryActivityruns).</summary>
public sealed class ActivityRunInfo
{
    public required string RunId { get; init; }

    public required string ActivityName { get; init; }

    public required string ActivityType { get; init; }

    public required ActivityRunStatus Status { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public TimeSpan? Duration => Start is { } start && End is { } end ? end - start : null;

    /// <summary>For activities inside a ForEach: the item's position (0-based); null otherwise.</summary>
    public int? Iteration { get; init; }

    public JsonNode? Input { get; init; }

    public JsonNode? Output { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public override string ToString() => ActivityName;
}

/// <summary>Which runs queryPipelineRuns returns.</summary>
public sealed class PipelineRunQuery
{
    public string? PipelineName { get; init; }

    public IReadOnlyList<PipelineRunStatus> Statuses { get; init; } = [];

    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>Runs whose parameters include this name and value (how a caller finds its own run by request id before re-submitting).</summary>
    public (string Name, string Value)? Parameter { get; init; }
}
