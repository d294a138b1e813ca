using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Setup;

/// <summary>How many plan entries have one copy method and status, with their estimated rows and size.</summary>
public sealed class TableCount
{
    public required CopyMethod CopyMethod { get; init; }

    public required PlanStatus Status { get; init; }

    public required int Tables { get; init; }

    public long EstimatedRows { get; init; }

    public double EstimatedSizeMB { get; init; }

    public override string ToString() => $"{CopyMethod} {Status}: {Tables}";
}
