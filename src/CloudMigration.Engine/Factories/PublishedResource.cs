namespace CloudMigration.Engine.Factories;

/// <summary>A linked service, dataset or pipeline written to a data factory, or the control table written to the destination.</summary>
public sealed class PublishedResource
{
    public required string Factory { get; init; }

    /// <summary>LinkedService, Dataset, Pipeline, or ControlTable.</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>What it is for, in a few words; for the control table, how many rows.</summary>
    public required string Description { get; init; }

    public override string ToString() => $"{Kind} {Name}";
}
