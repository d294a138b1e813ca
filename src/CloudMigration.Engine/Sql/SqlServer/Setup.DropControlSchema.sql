-- Remove-CmSetup: the control schema (cm) in the destination, with the replication table and the procedures.
DROP PROCEDURE IF EXISTS cm.RecordTableResult;
DROP TABLE IF EXISTS cm.ReplicationTable;
DROP TABLE IF EXISTS cm.TablePlan;
DROP TABLE IF EXISTS cm.CompatibilityResult;
DROP TABLE IF EXISTS cm.SourceCompany;
DROP TABLE IF EXISTS cm.DestinationExtension;
DROP TABLE IF EXISTS cm.SetupStep;
DROP TABLE IF EXISTS cm.Setup;
DROP TABLE IF EXISTS cm.Metadata;
IF SCHEMA_ID(N'cm') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.objects WHERE schema_id = SCHEMA_ID(N'cm'))
    EXEC (N'DROP SCHEMA cm');
