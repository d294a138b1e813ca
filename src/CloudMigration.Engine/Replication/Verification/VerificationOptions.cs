namespace CloudMigration.Engine.Replication.Verification;

/// <summary>How <see cref="TableVerifier"/> compares.</summary>
public sealed class VerificationOptions
{
    /// <summary>How many differing keys a result keeps as samples.</summary>
    public int SampleKeys { get; init; } = 10;
}
