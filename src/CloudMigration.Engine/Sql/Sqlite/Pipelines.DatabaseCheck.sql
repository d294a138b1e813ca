-- Preparation pipeline: the facts of a SQLite database. SQLite has a version and no compatibility level.
SELECT sqlite_version() AS ProductVersion,
       NULL AS CompatibilityLevel;
