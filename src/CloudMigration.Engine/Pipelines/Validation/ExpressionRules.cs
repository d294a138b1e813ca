namespace CloudMigration.Engine.Pipelines.Validation;

/// <summary>Which scope functions an expression may call where it stands, and which activities it may read.</summary>
internal sealed record ExpressionRules
{
    public bool AllowPipeline { get; init; }

    public bool AllowItem { get; init; }

    public bool AllowDataset { get; init; }

    public bool AllowLinkedService { get; init; }

    /// <summary>When set, activity('name') is allowed and may read the activities for which this returns true.</summary>
    public Func<string, bool>? ActivityVisible { get; init; }

    public static ExpressionRules ForDataset { get; } = new() { AllowDataset = true };

    public static ExpressionRules ForLinkedService { get; } = new() { AllowLinkedService = true };
}
