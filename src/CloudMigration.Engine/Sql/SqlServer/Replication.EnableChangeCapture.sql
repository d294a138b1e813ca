-- Replication: change tracking on the SL application database, when off (retention 3 days, as Microsoft recommends;
-- a table whose changes outlived it is copied in full again). Tables are enabled one by one (ALTER TABLE .. ENABLE
-- CHANGE_TRACKING, Replication/SqlServerChangeTracking). Needs ALTER DATABASE permission (db_owner).
IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID())
    ALTER DATABASE CURRENT SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 3 DAYS, AUTO_CLEANUP = ON);
