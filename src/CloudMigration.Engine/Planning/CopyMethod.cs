namespace CloudMigration.Engine.Planning;

/// <summary>How a table is copied by replication.</summary>
public enum CopyMethod
{
    /// <summary>Only the rows changed since the last run (change tracking covers the table).</summary>
    Delta,

    /// <summary>Every row, every run.</summary>
    Full,

    /// <summary>Not copied (the source table is missing, or the plan says so).</summary>
    Skip,
}
