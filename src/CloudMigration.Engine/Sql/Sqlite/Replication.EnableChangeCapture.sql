-- Replication: the change log of an SL application database (SQLite has no change tracking of its own), when missing.
-- Triggers on each tracked table (Replication/SqliteChangeLog) append to cm_ChangeLog; AUTOINCREMENT makes Version
-- database-wide, increasing and never reused, and sqlite_sequence keeps its high-water mark: the current version.
-- cm_ChangeTracking holds each tracked table's key columns, trigger version and min valid version (raised by cleanup).
-- Table names compare as SQLite compares identifiers: ignoring ASCII case.
CREATE TABLE IF NOT EXISTS cm_ChangeLog (
    Version INTEGER PRIMARY KEY AUTOINCREMENT,
    TableName TEXT NOT NULL COLLATE NOCASE,
    KeyValues TEXT NOT NULL,
    Operation TEXT NOT NULL CHECK (Operation IN ('I', 'U', 'D')),
    ChangedAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX IF NOT EXISTS cm_ChangeLog_TableVersion ON cm_ChangeLog (TableName, Version);
CREATE INDEX IF NOT EXISTS cm_ChangeLog_ChangedAt ON cm_ChangeLog (ChangedAt);
CREATE TABLE IF NOT EXISTS cm_ChangeTracking (
    TableName TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
    KeyColumns TEXT NOT NULL,
    TriggerVersion INTEGER NOT NULL,
    MinValidVersion INTEGER NOT NULL,
    EnabledAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
