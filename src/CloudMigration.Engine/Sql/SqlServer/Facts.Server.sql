-- Facts about the server and this login, in one row (compatibility checks).
SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS ProductVersion,
       CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(128)) AS ProductLevel,
       CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS Edition,
       CAST(SERVERPROPERTY('EngineEdition') AS int) AS EngineEdition,
       IS_SRVROLEMEMBER(N'sysadmin') AS IsSysadmin,
       SUSER_SNAME() AS LoginName,
       CAST(CONNECTIONPROPERTY('net_transport') AS nvarchar(60)) AS NetTransport,
       CAST(CONNECTIONPROPERTY('auth_scheme') AS nvarchar(60)) AS AuthScheme;
