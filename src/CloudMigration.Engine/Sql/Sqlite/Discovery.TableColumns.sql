-- Columns of one table (validates the shape of a database before reading it).
SELECT name AS ColumnName
FROM pragma_table_info(@table)
ORDER BY cid;
