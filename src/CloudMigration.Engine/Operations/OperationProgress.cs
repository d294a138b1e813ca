namespace CloudMigration.Engine.Operations;

/// <summary>A progress report from a long engine operation; the cmdlet layer turns it into Write-Progress.</summary>
/// <param name="Activity">What is being done overall ("Creating the sample environment").</param>
/// <param name="Status">The current step ("Application database SLApp: table APDoc").</param>
/// <param name="PercentComplete">0-100, or -1 when unknown.</param>
/// <param name="Completed">True on the last report of the activity.</param>
public sealed record OperationProgress(string Activity, string Status, int PercentComplete, bool Completed = false);
