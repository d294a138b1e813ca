namespace CloudMigration.Engine.Replication.Verification;

/// <summary>Whether a table's destination holds exactly the source's rows (after the documented conversions).</summary>
public enum VerificationStatus
{
    Match,
    Mismatch,

    /// <summary>The table could not be compared (a side unreadable, say); <see cref="TableVerificationResult.Message"/> says why.</summary>
    Error,
}
