namespace CloudMigration.Engine.Replication;

/// <summary>What a delta apply did: the version it advanced from and to, and the rows it inserted, updated and deleted.</summary>
public sealed record DeltaApplyResult(string DestinationTable, long FromVersion, long ToVersion, int Inserted, int Updated, int Deleted);
