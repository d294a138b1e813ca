-- Preparation pipeline: the facts of the database a linked service reaches. Fails with Microsoft's code 50001 when
-- the database's compatibility level is below 130 (SQL Server 2016), which cloud migration requires.
IF (SELECT compatibility_level FROM sys.databases WHERE name = DB_NAME()) < 130
    THROW 50001, N'The compatibility level of the database is below 130. Run ALTER DATABASE ... SET COMPATIBILITY_LEVEL = 130 and prepare again.', 1;
SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS ProductVersion,
       (SELECT compatibility_level FROM sys.databases WHERE name = DB_NAME()) AS CompatibilityLevel;
