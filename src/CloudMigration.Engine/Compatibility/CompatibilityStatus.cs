namespace CloudMigration.Engine.Compatibility;

/// <summary>The outcome of one check on one target, in order of severity.</summary>
public enum CompatibilityStatus
{
    /// <summary>The check does not apply to this source or destination (the reason is in the message).</summary>
    NotApplicable = 0,

    Passed = 1,

    /// <summary>Setup can go on, but something deserves attention.</summary>
    Warning = 2,

    /// <summary>Setup or replication would fail; fix it first.</summary>
    Failed = 3,
}
