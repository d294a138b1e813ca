-- Replication: the destination's sync state (schema cm), when missing. One row per replicated table (the control table's
-- DestinationTable, fed by one source table): the source version its rows are synced to. A delta apply advances it in
-- the same transaction as the rows; a full copy clears it first and sets it after.
IF SCHEMA_ID(N'cm') IS NULL
    EXEC (N'CREATE SCHEMA cm');
IF OBJECT_ID(N'cm.SyncState', N'U') IS NULL
    CREATE TABLE cm.SyncState (
        DestinationTable nvarchar(250) NOT NULL CONSTRAINT PK_cm_SyncState PRIMARY KEY,
        Company nvarchar(30) NOT NULL,
        SourceDatabase nvarchar(128) NOT NULL,
        SourceTable nvarchar(128) NOT NULL,
        LastSyncedVersion bigint NULL,
        LastMethod nvarchar(10) NULL,
        SyncedAt datetime2 NULL
    );
