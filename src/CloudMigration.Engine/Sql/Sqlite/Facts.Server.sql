-- Facts about the "server": SQLite has a version and nothing else (no edition, logins or transport).
SELECT sqlite_version() AS ProductVersion,
       NULL AS ProductLevel,
       NULL AS Edition,
       NULL AS EngineEdition,
       NULL AS IsSysadmin,
       NULL AS LoginName,
       NULL AS NetTransport,
       NULL AS AuthScheme;
