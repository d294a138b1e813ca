namespace CloudMigration.Engine.Replication.Verification;

/// <summary>
/// The comparison of one plan entry's source rows (its company's, for tables with CpnyID) with its destination table:
/// row counts on both sides, and per key whether it is missing in the destination, extra there, or different, with the
/// first few differing keys as samples.
/// </summary>
public sealed record TableVerification
{
    public required string Company { get; init; }

    public required string SourceTable { get; init; }

    public required string DestinationTable { get; init; }

    public VerificationStatus Status => MissingInDestination == 0 && ExtraInDestination == 0 && Different == 0 ? VerificationStatus.Match : VerificationStatus.Mismatch;

    public required long SourceRows { get; init; }

    public required long DestinationRows { get; init; }

    public required long MissingInDestination { get; init; }

    public required long ExtraInDestination { get; init; }

    public required long Different { get; init; }

    /// <summary>The first differing keys, in key order (at most <see cref="VerificationOptions.SampleKeys"/>).</summary>
    public required IReadOnlyList<KeyDifference> SampleKeys { get; init; }

    /// <summary>How long the comparison took.</summary>
    public TimeSpan Duration { get; init; }

    public override string ToString() => Status == VerificationStatus.Match
        ? $"{Company}/{SourceTable}: Match ({SourceRows} rows)"
        : $"{Company}/{SourceTable}: Mismatch (source {SourceRows}, destination {DestinationRows}; missing {MissingInDestination}, extra {ExtraInDestination}, different {Different})";
}
