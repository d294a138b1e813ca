namespace CloudMigration.Engine.Replication;

/// <summary>The replication scripts among the Sql/&lt;Dialect&gt;/ resources (same names in both dialects).</summary>
public static class ReplicationScripts
{
    /// <summary>Turns change capture on for a source database: SQL Server's change tracking, or SQLite's change log tables.</summary>
    public const string EnableChangeCapture = "Replication.EnableChangeCapture";

    /// <summary>Creates the destination's sync state table when missing.</summary>
    public const string CreateSyncState = "Replication.CreateSyncState";
}
