-- Whether a database of that name exists on the server (SL application databases).
SELECT COUNT(*) FROM sys.databases WHERE name = @name;
