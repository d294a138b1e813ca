namespace CloudMigration.Engine.Compatibility;

/// <summary>The documented limits the rules judge against (see README, "Compatibility checks").</summary>
public static class CompatibilityLimits
{
    /// <summary>
    /// SQL Server 2016 SP1 is the oldest source Microsoft supports. Three parts on purpose: a Version without a
    /// revision (13.0.4001, as a three-part ProductVersion is parsed) compares lower than 13.0.4001.0.
    /// </summary>
    public static readonly Version MinimumSqlServerVersion = new(13, 0, 4001);

    public const int MinimumCompatibilityLevel = 130;

    /// <summary>Dynamics SL 2015 (system database major version 9).</summary>
    public const int MinimumSlMajorVersion = 9;

    public const int MaximumSubaccountSegments = 9;

    /// <summary>Warn at this many selected companies (Microsoft's setup asks to confirm).</summary>
    public const int CompanyCountWarning = 300;

    /// <summary>An ADF Lookup returns at most 5,000 rows ...</summary>
    public const int LookupMaximumRows = 5000;

    /// <summary>... and at most 4 MB.</summary>
    public const long LookupMaximumBytes = 4L * 1024 * 1024;

    /// <summary>Warn when the selected companies total this much.</summary>
    public const double SizeWarningGB = 50;

    /// <summary>Recommended most data per replication run.</summary>
    public const double RunSizeGB = 30;

    /// <summary>Single values above this fail on a SQL Server source.</summary>
    public const long LargeValueBytes = 20L * 1024 * 1024;

    /// <summary>Change tracking retention below this makes a missed day of replication fall back to a full copy.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromDays(2);

    public const long BytesPerGB = 1024L * 1024 * 1024;
}
