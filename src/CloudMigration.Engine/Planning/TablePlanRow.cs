namespace CloudMigration.Engine.Planning;

/// <summary>
/// A reviewed plan entry as it comes back (Import-Csv of an exported plan, or the entries themselves):
/// only what identifies the entry and the copy method the reviewer chose are read; the rest is recomputed.
/// </summary>
public sealed class TablePlanRow
{
    public string? Company { get; init; }

    public string? SourceTable { get; init; }

    public string? DestinationTable { get; init; }

    /// <summary>Delta, Full or Skip, as text (CSV) or the enum.</summary>
    public string? CopyMethod { get; init; }

    /// <summary>Position in the input (1-based), for messages.</summary>
    public int Line { get; init; }

    public override string ToString() => $"{Company}/{SourceTable}";
}
