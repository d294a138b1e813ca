-- Preparation pipeline, SQL Server only, on the source's system database: the change-tracking version a replication
-- run starts from (NULL when change tracking is off for the database). One statement, so a Script block can send it
-- as its own batch. Versioned by cm.Metadata's SourceObjectsVersion; CREATE OR ALTER upgrades it in place.
CREATE OR ALTER PROCEDURE cm.GetChangeVersion
AS
BEGIN
    SET NOCOUNT ON;
    SELECT CHANGE_TRACKING_CURRENT_VERSION() AS CurrentVersion,
           (SELECT Value FROM cm.Metadata WHERE Name = N'SourceObjectsVersion') AS ObjectsVersion;
END;
