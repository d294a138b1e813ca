-- Facts about the database file and the tables named in @tables (each name wrapped in char(31)).
-- Names match without regard to (ASCII) case, as SQLite resolves table names and as SQL Server does under SL's collation.
-- The same five result sets as on SQL Server; what SQLite does not have (compatibility level, roles,
-- change tracking, per-table sizes) comes back NULL or empty.
SELECT NULL AS DatabaseName,
       NULL AS CompatibilityLevel,
       NULL AS Collation,
       NULL AS IsDbOwner,
       NULL AS ChangeTracking,
       NULL AS RetentionPeriod,
       NULL AS RetentionUnits,
       NULL AS AutoCleanup,
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

SELECT NULL AS TableName, NULL AS MinValidVersion WHERE 0;
