-- Remove-CmSetup: the control schema (cm) in the destination, with the replication table and the procedures.
DROP PROCEDURE IF EXISTS cm.RecordTableResult;
DROP PROCEDURE IF EXISTS cm.ApplyTable;
DROP TABLE IF EXISTS cm.ReplicationTable;
DROP TABLE IF EXISTS cm.ReplicationTableResult;
DROP TABLE IF EXISTS cm.ReplicationRun;
DROP TABLE IF EXISTS cm.SyncState;
DROP TABLE IF EXISTS cm.TablePlan;
DROP TABLE IF EXISTS cm.CompatibilityResult;
DROP TABLE IF EXISTS cm.SourceCompany;
DROP TABLE IF EXISTS cm.DestinationExtension;
DROP TABLE IF EXISTS cm.SetupStep;
DROP TABLE IF EXISTS cm.Setup;
DROP TABLE IF EXISTS cm.Metadata;
DECLARE @dropStages nvarchar(max) = N'';
SELECT @dropStages = @dropStages + N'DROP TABLE cm.' + QUOTENAME(name) + N';' FROM sys.tables WHERE schema_id = SCHEMA_ID(N'cm') AND name LIKE N'Stage[_]%';
EXEC sp_executesql @dropStages;
IF SCHEMA_ID(N'cm') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.objects WHERE schema_id = SCHEMA_ID(N'cm'))
    EXEC (N'DROP SCHEMA cm');
