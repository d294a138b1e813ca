namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>One row of the replication control table: a table of a company to copy, and how.</summary>
public sealed record ControlRow(
    int TableId,
    string Company,
    string SourceDatabase,
    string SourceTable,
    string SourceQuery,
    string DestinationTable,
    string WriteBehavior,
    string KeyColumns,
    string PreCopyScript)
{
    /// <summary>The plan's mapped columns as JSON [{"Source","Destination"}] (see <see cref="ControlTable.Columns"/>).</summary>
    public string Columns { get; init; } = "[]";

    /// <summary>Whether the source rows are filtered to the company.</summary>
    public bool FilteredByCompany { get; init; }
}
