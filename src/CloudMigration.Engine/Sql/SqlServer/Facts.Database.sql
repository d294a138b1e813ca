-- Facts about the current database and the tables named in @tables (each name wrapped in NCHAR(31)).
-- Five result sets, in this order: database, columns, keys, sizes, change-tracked tables.
-- Only catalog views any database user can read; no DMVs, no VIEW SERVER STATE.
SELECT d.name AS DatabaseName,
       d.compatibility_level AS CompatibilityLevel,
       d.collation_name AS Collation,
       IS_ROLEMEMBER(N'db_owner') AS IsDbOwner,
       CASE WHEN ct.database_id IS NULL THEN 0 ELSE 1 END AS ChangeTracking,
       ct.retention_period AS RetentionPeriod,
       ct.retention_period_units_desc AS RetentionUnits,
       ct.is_auto_cleanup_on AS AutoCleanup,
       (SELECT SUM(CAST(f.size AS bigint)) * 8192 FROM sys.database_files AS f WHERE f.type = 0) AS SizeBytes
FROM sys.databases AS d
LEFT JOIN sys.change_tracking_databases AS ct ON ct.database_id = d.database_id
WHERE d.database_id = DB_ID();

SELECT t.name AS TableName, c.name AS ColumnName, TYPE_NAME(c.system_type_id) AS TypeName,
       c.max_length AS MaxLength, c.precision AS NumericPrecision, c.scale AS NumericScale, c.is_nullable AS IsNullable
FROM sys.tables AS t
JOIN sys.columns AS c ON c.object_id = t.object_id
WHERE t.schema_id = SCHEMA_ID(N'dbo') AND CHARINDEX(NCHAR(31) + t.name + NCHAR(31), @tables) > 0
ORDER BY t.name, c.column_id;

-- The primary key, or else the unique clustered index (older SL tables key on one).
SELECT t.name AS TableName, c.name AS ColumnName, ic.key_ordinal AS KeyOrdinal, i.is_primary_key AS IsPrimaryKey
FROM sys.tables AS t
JOIN sys.indexes AS i ON i.object_id = t.object_id AND (i.is_primary_key = 1 OR (i.is_unique = 1 AND i.type = 1))
JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE t.schema_id = SCHEMA_ID(N'dbo') AND CHARINDEX(NCHAR(31) + t.name + NCHAR(31), @tables) > 0
ORDER BY t.name, i.is_primary_key DESC, i.index_id, ic.key_ordinal;

SELECT t.name AS TableName,
       SUM(a.total_pages) * CAST(8192 AS bigint) AS SizeBytes,
       SUM(CASE WHEN a.type = 1 AND p.index_id IN (0, 1) THEN p.rows ELSE 0 END) AS TableRows
FROM sys.tables AS t
JOIN sys.partitions AS p ON p.object_id = t.object_id
JOIN sys.allocation_units AS a ON a.container_id = p.partition_id
WHERE t.schema_id = SCHEMA_ID(N'dbo') AND CHARINDEX(NCHAR(31) + t.name + NCHAR(31), @tables) > 0
GROUP BY t.name;

SELECT t.name AS TableName, ct.min_valid_version AS MinValidVersion
FROM sys.change_tracking_tables AS ct
JOIN sys.tables AS t ON t.object_id = ct.object_id
WHERE t.schema_id = SCHEMA_ID(N'dbo') AND CHARINDEX(NCHAR(31) + t.name + NCHAR(31), @tables) > 0;
