-- Preparation pipeline: the replication control table in the destination (schema cm), when missing. One row per table
-- to copy, written by setup from the table plan; the replication pipeline reads it and records each table's result.
IF SCHEMA_ID(N'cm') IS NULL
    EXEC (N'CREATE SCHEMA cm');
IF OBJECT_ID(N'cm.ReplicationTable', N'U') IS NULL
    CREATE TABLE cm.ReplicationTable (
        TableId int NOT NULL CONSTRAINT PK_cm_ReplicationTable PRIMARY KEY,
        Company nvarchar(30) NOT NULL,
        SourceDatabase nvarchar(128) NOT NULL,
        SourceTable nvarchar(128) NOT NULL,
        SourceQuery nvarchar(max) NOT NULL,
        DestinationTable nvarchar(250) NOT NULL,
        WriteBehavior nvarchar(10) NOT NULL CONSTRAINT DF_cm_ReplicationTable_WriteBehavior DEFAULT (N'Insert'),
        KeyColumns nvarchar(max) NOT NULL CONSTRAINT DF_cm_ReplicationTable_KeyColumns DEFAULT (N'[]'),
        PreCopyScript nvarchar(max) NOT NULL CONSTRAINT DF_cm_ReplicationTable_PreCopyScript DEFAULT (N''),
        Enabled bit NOT NULL CONSTRAINT DF_cm_ReplicationTable_Enabled DEFAULT (1),
        LastRequestId nvarchar(100) NULL,
        LastStatus nvarchar(20) NULL,
        LastRowsCopied bigint NULL,
        LastError nvarchar(max) NULL,
        LastRunAt datetime2 NULL,
        Columns nvarchar(max) NOT NULL CONSTRAINT DF_cm_ReplicationTable_Columns DEFAULT (N'[]'),
        FilteredByCompany bit NOT NULL CONSTRAINT DF_cm_ReplicationTable_FilteredByCompany DEFAULT (0),
        StageTable nvarchar(128) NULL,
        RunId nvarchar(36) NULL,
        CopyType nvarchar(10) NULL,
        FromVersion bigint NULL,
        ToVersion bigint NULL
    );
