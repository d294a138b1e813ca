-- Facts about the database file and the tables named in @tables (each name wrapped in char(31)).
-- Names match without regard to (ASCII) case, as SQLite resolves table names and as SQL Server does under SL's collation.
-- The same five result sets as on SQL Server; what SQLite does not have (compatibility level, roles,
-- per-table sizes) comes back NULL or empty.
-- Change tracking is the trigger-maintained change log (Replication/SqliteChangeLog, Replication.EnableChangeCapture):
-- on (1) when cm_ChangeLog and cm_ChangeTracking exist, with the 3 days' retention ChangeCapture.CleanupAsync is meant
-- to keep and no automatic cleanup; NULL (not known, no log yet) otherwise. A table is change-tracked when its change log
-- triggers (cm_ct<version>_ins/upd/del_<table>) are there; only sqlite_master is read, so the script runs without the log.
WITH changelog AS (
    SELECT CASE WHEN (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('cm_ChangeLog', 'cm_ChangeTracking')) = 2 THEN 1 END AS IsOn
)
SELECT NULL AS DatabaseName,
       NULL AS CompatibilityLevel,
       NULL AS Collation,
       NULL AS IsDbOwner,
       (SELECT IsOn FROM changelog) AS ChangeTracking,
       CASE WHEN (SELECT IsOn FROM changelog) = 1 THEN 3 END AS RetentionPeriod,
       CASE WHEN (SELECT IsOn FROM changelog) = 1 THEN 'DAYS' END AS RetentionUnits,
       CASE WHEN (SELECT IsOn FROM changelog) = 1 THEN 0 END AS AutoCleanup,
       (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()) AS SizeBytes;

SELECT m.name AS TableName, p.name AS ColumnName, p.type AS TypeName,
       NULL AS MaxLength, NULL AS NumericPrecision, NULL AS NumericScale, CASE WHEN p."notnull" = 0 THEN 1 ELSE 0 END AS IsNullable
FROM sqlite_master AS m
JOIN pragma_table_info(m.name) AS p
WHERE m.type = 'table' AND instr(upper(@tables), upper(char(31) || m.name || char(31))) > 0
ORDER BY m.name, p.cid;

SELECT m.name AS TableName, p.name AS ColumnName, p.pk AS KeyOrdinal, 1 AS IsPrimaryKey
FROM sqlite_master AS m
JOIN pragma_table_info(m.name) AS p
WHERE m.type = 'table' AND p.pk > 0 AND instr(upper(@tables), upper(char(31) || m.name || char(31))) > 0
ORDER BY m.name, p.pk;

SELECT NULL AS TableName, NULL AS SizeBytes, NULL AS TableRows WHERE 0;

-- MinValidVersion lives in cm_ChangeTracking, which may not exist (a script cannot name a missing table): NULL here;
-- ChangeReader reads it when it reads changes.
SELECT m.name AS TableName, NULL AS MinValidVersion
FROM sqlite_master AS m
WHERE m.type = 'table' AND instr(upper(@tables), upper(char(31) || m.name || char(31))) > 0
  AND (SELECT COUNT(*) FROM sqlite_master AS t
       WHERE t.type = 'trigger' AND t.tbl_name = m.name COLLATE NOCASE
         AND lower(t.name) IN (lower('cm_ct1_ins_' || m.name), lower('cm_ct1_upd_' || m.name), lower('cm_ct1_del_' || m.name))) = 3
  AND (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('cm_ChangeLog', 'cm_ChangeTracking')) = 2
ORDER BY m.name;
