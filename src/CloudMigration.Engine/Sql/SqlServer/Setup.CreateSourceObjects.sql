-- Preparation pipeline, on the source's system database: the cm schema and the version of the objects cloud migration
-- keeps there. The procedures follow in their own batch (Setup.CreateSourceProcedures).
IF SCHEMA_ID(N'cm') IS NULL
    EXEC (N'CREATE SCHEMA cm');
IF OBJECT_ID(N'cm.Metadata', N'U') IS NULL
    CREATE TABLE cm.Metadata (
        Name nvarchar(100) NOT NULL CONSTRAINT PK_cm_Metadata PRIMARY KEY,
        Value nvarchar(400) NOT NULL
    );
IF EXISTS (SELECT 1 FROM cm.Metadata WHERE Name = N'SourceObjectsVersion')
    UPDATE cm.Metadata SET Value = N'1' WHERE Name = N'SourceObjectsVersion';
ELSE
    INSERT INTO cm.Metadata (Name, Value) VALUES (N'SourceObjectsVersion', N'1');
