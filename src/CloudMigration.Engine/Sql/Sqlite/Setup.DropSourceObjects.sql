-- Remove-CmSetup: what the preparation pipeline created in the source's system database.
DROP TABLE IF EXISTS cm_Metadata;
