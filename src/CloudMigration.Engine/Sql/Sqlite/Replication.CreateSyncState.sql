-- Replication: the destination's sync state, when missing (SQLite has no schemas, so it is cm_SyncState). One row per
-- replicated table (the control table's DestinationTable, fed by one source table): the source version its rows are
-- synced to. A delta apply advances it in the same transaction as the rows; a full copy clears it first and sets it after.
CREATE TABLE IF NOT EXISTS cm_SyncState (
    DestinationTable TEXT NOT NULL PRIMARY KEY,
    Company TEXT NOT NULL,
    SourceDatabase TEXT NOT NULL,
    SourceTable TEXT NOT NULL,
    LastSyncedVersion INTEGER NULL,
    LastMethod TEXT NULL,
    SyncedAt TEXT NULL
);
