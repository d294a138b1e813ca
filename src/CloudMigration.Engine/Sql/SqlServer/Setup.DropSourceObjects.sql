-- Remove-CmSetup: what the preparation pipeline created in the source's system database.
DROP PROCEDURE IF EXISTS cm.GetChangeVersion;
DROP TABLE IF EXISTS cm.Metadata;
IF SCHEMA_ID(N'cm') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.objects WHERE schema_id = SCHEMA_ID(N'cm'))
    EXEC (N'DROP SCHEMA cm');
