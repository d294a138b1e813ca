-- Columns of one table in the dbo schema (validates the shape of a database before reading it).
SELECT c.name AS ColumnName
FROM sys.columns AS c
WHERE c.object_id = OBJECT_ID(N'dbo.' + QUOTENAME(@table), N'U')
ORDER BY c.column_id;
