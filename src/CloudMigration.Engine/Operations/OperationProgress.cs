namespace CloudMigration.Engine.Operations;

/// <summary>A progress report from a long engine operation; the cmdlet layer turns it into Write-Progress.</summary>
/// <param name="Activity">What is being done overall ("Creating the sample environment").</param>
/// <param name="Status">The current step ("Application database SLApp: table APDoc").</param>
/// <param name="PercentComplete">0-100, or -1 when unknown.</param>
/// <param name="Completed">True on the last report of the activity.</param>
public sealed record OperationProgress(string Activity, string Status, int PercentComplete, bool Completed = false)
{
    /// <summary>
    /// Null for the operation itself; otherwise the key of one part of it (a table of a replication run) whose progress is
    /// shown as a child of the operation's own record, one record per key, until a report for that key is <see cref="Completed"/>.
    /// </summary>
    public string? Child { get; init; }
}
