-- Extensions installed in the Business Central tenant database.
SELECT "App ID" AS AppId, "Name", "Publisher",
       "Version Major" AS VersionMajor, "Version Minor" AS VersionMinor,
       "Version Build" AS VersionBuild, "Version Revision" AS VersionRevision
FROM "NAV App Installed App"
ORDER BY "Name", "Publisher";
