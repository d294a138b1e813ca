using System.Globalization;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Replication.Verification;

/// <summary>
/// One table's verification as Test-CmReplication writes it: flat, so it goes to a table view, CSV or JSON as it is.
/// Counts are null when the table could not be compared (Status Error, <see cref="Message"/> says why).
/// </summary>
public sealed record TableVerificationResult
{
    public required string Company { get; init; }

    public required string SourceTable { get; init; }

    public required string DestinationTable { get; init; }

    public required VerificationStatus Status { get; init; }

    public long? SourceRows { get; init; }

    public long? DestinationRows { get; init; }

    /// <summary>Source keys the destination lacks.</summary>
    public long? Missing { get; init; }

    /// <summary>Destination keys the source lacks.</summary>
    public long? Extra { get; init; }

    /// <summary>Keys on both sides with different values in some copied column.</summary>
    public long? Different { get; init; }

    /// <summary>The first differing keys, one per line: "Different: Module=GL, BatNbr=000001, LineNbr=1".</summary>
    public string SampleKeys { get; init; } = string.Empty;

    public TimeSpan Duration { get; init; }

    /// <summary>Why the table could not be compared (Status Error); empty otherwise.</summary>
    public string Message { get; init; } = string.Empty;

    public static TableVerificationResult From(TableVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new TableVerificationResult
        {
            Company = verification.Company,
            SourceTable = verification.SourceTable,
            DestinationTable = verification.DestinationTable,
            Status = verification.Status,
            SourceRows = verification.SourceRows,
            DestinationRows = verification.DestinationRows,
            Missing = verification.MissingInDestination,
            Extra = verification.ExtraInDestination,
            Different = verification.Different,
            SampleKeys = string.Join(Environment.NewLine, verification.SampleKeys.Select(k => k.ToString())),
            Duration = verification.Duration,
        };
    }

    public static TableVerificationResult Failed(TablePlanEntry entry, CmException error, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(error);
        return new TableVerificationResult
        {
            Company = entry.Company,
            SourceTable = entry.SourceTable,
            DestinationTable = entry.DestinationTable,
            Status = VerificationStatus.Error,
            Duration = duration,
            Message = error.Message,
        };
    }

    public override string ToString() => Status switch
    {
        VerificationStatus.Match => string.Create(CultureInfo.InvariantCulture, $"{Company}/{SourceTable}: Match ({SourceRows} rows)"),
        VerificationStatus.Mismatch => string.Create(CultureInfo.InvariantCulture,
            $"{Company}/{SourceTable}: Mismatch (source {SourceRows}, destination {DestinationRows}; missing {Missing}, extra {Extra}, different {Different})"),
        _ => $"{Company}/{SourceTable}: Error ({Message})",
    };
}
