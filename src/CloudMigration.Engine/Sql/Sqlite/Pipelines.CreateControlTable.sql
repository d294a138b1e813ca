-- Preparation pipeline: the replication control table in the destination, when missing (SQLite has no schemas, so
-- it is cm_ReplicationTable). One row per table to copy; the replication pipeline reads it and records results.
CREATE TABLE IF NOT EXISTS cm_ReplicationTable (
    TableId INTEGER NOT NULL PRIMARY KEY,
    Company TEXT NOT NULL,
    SourceDatabase TEXT NOT NULL,
    SourceTable TEXT NOT NULL,
    SourceQuery TEXT NOT NULL,
    DestinationTable TEXT NOT NULL,
    WriteBehavior TEXT NOT NULL DEFAULT 'Insert',
    KeyColumns TEXT NOT NULL DEFAULT '[]',
    PreCopyScript TEXT NOT NULL DEFAULT '',
    Enabled INTEGER NOT NULL DEFAULT 1,
    LastRequestId TEXT NULL,
    LastStatus TEXT NULL,
    LastRowsCopied INTEGER NULL,
    LastError TEXT NULL,
    LastRunAt TEXT NULL,
    Columns TEXT NOT NULL DEFAULT '[]',
    FilteredByCompany INTEGER NOT NULL DEFAULT 0,
    StageTable TEXT NULL,
    RunId TEXT NULL,
    CopyType TEXT NULL,
    FromVersion INTEGER NULL,
    ToVersion INTEGER NULL
);
