namespace CloudMigration.Engine.Replication.Verification;

/// <summary>How a key differs between source and destination.</summary>
public enum DifferenceKind
{
    /// <summary>The source has the key, the destination has not.</summary>
    MissingInDestination,

    /// <summary>The destination has a key the source has not (or has it once more).</summary>
    ExtraInDestination,

    /// <summary>Both have the key, with different values in some mapped column.</summary>
    Different,
}

/// <summary>One differing key, for people to look at: "Module=01, BatNbr=00000001, LineNbr=1".</summary>
public sealed record KeyDifference(DifferenceKind Kind, string Key)
{
    public override string ToString() => Kind + ": " + Key;
}
