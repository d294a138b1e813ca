namespace CloudMigration.Engine.Setup;

/// <summary>One step of a setup, with its status and time, as the control schema records it.</summary>
public sealed class SetupStepInfo
{
    public required SetupStepName Name { get; init; }

    public int Ordinal => (int)Name;

    public required SetupStepStatus Status { get; set; }

    /// <summary>How many times the step was started (a resumed step counts again).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public TimeSpan? Duration => StartedAt is { } start && CompletedAt is { } end ? end - start : null;

    /// <summary>What the step did, or why it failed or waits.</summary>
    public string Message { get; set; } = string.Empty;

    public override string ToString() => $"{Ordinal}. {Name}: {Status}";
}
