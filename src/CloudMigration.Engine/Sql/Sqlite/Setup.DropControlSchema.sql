-- Remove-CmSetup: the control schema in the destination, with the replication table.
DROP TABLE IF EXISTS cm_ReplicationTable;
DROP TABLE IF EXISTS cm_ReplicationTableResult;
DROP TABLE IF EXISTS cm_ReplicationRun;
DROP TABLE IF EXISTS cm_SyncState;
DROP TABLE IF EXISTS cm_TablePlan;
DROP TABLE IF EXISTS cm_CompatibilityResult;
DROP TABLE IF EXISTS cm_SourceCompany;
DROP TABLE IF EXISTS cm_DestinationExtension;
DROP TABLE IF EXISTS cm_SetupStep;
DROP TABLE IF EXISTS cm_Setup;
DROP TABLE IF EXISTS cm_Metadata;
