-- Setup: the control schema (cm) in the destination, when missing. The setup's state (one setup, its steps), what the
-- preparation pipeline collects (source companies, destination extensions), the compatibility results and the table
-- plan. Start-CmSetup runs it before its first step; the preparation pipeline runs it again (it changes nothing then).
-- The replication table is Pipelines.CreateControlTable.
IF SCHEMA_ID(N'cm') IS NULL
    EXEC (N'CREATE SCHEMA cm');
IF OBJECT_ID(N'cm.Metadata', N'U') IS NULL
    CREATE TABLE cm.Metadata (
        Name nvarchar(100) NOT NULL CONSTRAINT PK_cm_Metadata PRIMARY KEY,
        Value nvarchar(400) NOT NULL
    );
IF OBJECT_ID(N'cm.Setup', N'U') IS NULL
    CREATE TABLE cm.Setup (
        SetupId nvarchar(36) NOT NULL CONSTRAINT PK_cm_Setup PRIMARY KEY,
        Status nvarchar(40) NOT NULL,
        Product nvarchar(40) NOT NULL,
        Source nvarchar(400) NOT NULL,
        SourceKind nvarchar(20) NOT NULL,
        Fingerprint nvarchar(64) NOT NULL,
        Companies nvarchar(max) NOT NULL,
        ResourceSuffix nvarchar(20) NOT NULL,
        Factory nvarchar(260) NULL,
        FactoryKind nvarchar(20) NULL,
        FactoryReason nvarchar(400) NULL,
        IntegrationRuntime nvarchar(63) NULL,
        IntegrationRuntimeCreated bit NOT NULL CONSTRAINT DF_cm_Setup_IntegrationRuntimeCreated DEFAULT (0),
        BatchCount int NULL,
        TotalCompanies int NULL,
        TotalSizeMB float NULL,
        StartedAt nvarchar(40) NOT NULL,
        UpdatedAt nvarchar(40) NOT NULL,
        CompletedAt nvarchar(40) NULL,
        Message nvarchar(max) NULL
    );
IF OBJECT_ID(N'cm.SetupStep', N'U') IS NULL
    CREATE TABLE cm.SetupStep (
        SetupId nvarchar(36) NOT NULL,
        Ordinal int NOT NULL,
        Name nvarchar(40) NOT NULL,
        Status nvarchar(20) NOT NULL,
        Attempts int NOT NULL CONSTRAINT DF_cm_SetupStep_Attempts DEFAULT (0),
        StartedAt nvarchar(40) NULL,
        CompletedAt nvarchar(40) NULL,
        Message nvarchar(max) NULL,
        CONSTRAINT PK_cm_SetupStep PRIMARY KEY (SetupId, Name)
    );
IF OBJECT_ID(N'cm.CompatibilityResult', N'U') IS NULL
    CREATE TABLE cm.CompatibilityResult (
        Ordinal int NOT NULL CONSTRAINT PK_cm_CompatibilityResult PRIMARY KEY,
        [Check] nvarchar(100) NOT NULL,
        Target nvarchar(400) NOT NULL,
        TargetType nvarchar(20) NOT NULL,
        Company nvarchar(30) NULL,
        Status nvarchar(20) NOT NULL,
        Code int NULL,
        Message nvarchar(max) NOT NULL,
        RecommendedAction nvarchar(max) NOT NULL
    );
IF OBJECT_ID(N'cm.TablePlan', N'U') IS NULL
    CREATE TABLE cm.TablePlan (
        Ordinal int NOT NULL CONSTRAINT PK_cm_TablePlan PRIMARY KEY,
        Company nvarchar(30) NOT NULL,
        SourceDatabase nvarchar(128) NOT NULL,
        SourceTable nvarchar(128) NOT NULL,
        DestinationTable nvarchar(250) NOT NULL,
        CopyMethod nvarchar(10) NOT NULL,
        Status nvarchar(20) NOT NULL,
        EstimatedRows bigint NULL,
        EstimatedSizeMB float NULL,
        Reason nvarchar(max) NOT NULL,
        Code int NULL,
        Notes nvarchar(max) NOT NULL
    );
IF OBJECT_ID(N'cm.SourceCompany', N'U') IS NULL
    CREATE TABLE cm.SourceCompany (
        Active smallint NULL,
        CpnyID nvarchar(10) NULL,
        CpnyName nvarchar(30) NULL,
        DatabaseName nvarchar(128) NULL
    );
IF OBJECT_ID(N'cm.DestinationExtension', N'U') IS NULL
    CREATE TABLE cm.DestinationExtension (
        AppId uniqueidentifier NULL,
        Name nvarchar(250) NULL,
        Publisher nvarchar(250) NULL,
        VersionMajor int NULL,
        VersionMinor int NULL,
        VersionBuild int NULL,
        VersionRevision int NULL
    );
IF OBJECT_ID(N'cm.ReplicationRun', N'U') IS NULL
    CREATE TABLE cm.ReplicationRun (
        RunId nvarchar(36) NOT NULL CONSTRAINT PK_cm_ReplicationRun PRIMARY KEY,
        RequestId nvarchar(100) NOT NULL,
        Type nvarchar(10) NOT NULL,
        Status nvarchar(20) NOT NULL,
        StartedAt nvarchar(40) NOT NULL,
        CompletedAt nvarchar(40) NULL,
        Tables int NOT NULL CONSTRAINT DF_cm_ReplicationRun_Tables DEFAULT (0),
        TablesFailed int NOT NULL CONSTRAINT DF_cm_ReplicationRun_TablesFailed DEFAULT (0),
        RecordsCopied bigint NOT NULL CONSTRAINT DF_cm_ReplicationRun_RecordsCopied DEFAULT (0),
        PipelineRunId nvarchar(100) NULL,
        Message nvarchar(max) NULL
    );
IF OBJECT_ID(N'cm.ReplicationTableResult', N'U') IS NULL
    CREATE TABLE cm.ReplicationTableResult (
        RunId nvarchar(36) NOT NULL,
        TableId int NOT NULL,
        Company nvarchar(30) NOT NULL,
        SourceTable nvarchar(128) NOT NULL,
        DestinationTable nvarchar(250) NOT NULL,
        CopyType nvarchar(10) NOT NULL,
        Reason nvarchar(max) NULL,
        Status nvarchar(20) NOT NULL,
        RecordsCopied bigint NULL,
        TotalRecords bigint NULL,
        ErrorCode nvarchar(100) NULL,
        ErrorMessage nvarchar(max) NULL,
        StartedAt nvarchar(40) NULL,
        CompletedAt nvarchar(40) NULL,
        CONSTRAINT PK_cm_ReplicationTableResult PRIMARY KEY (RunId, TableId)
    );
IF EXISTS (SELECT 1 FROM cm.Metadata WHERE Name = N'ControlSchemaVersion')
    UPDATE cm.Metadata SET Value = N'1' WHERE Name = N'ControlSchemaVersion';
ELSE
    INSERT INTO cm.Metadata (Name, Value) VALUES (N'ControlSchemaVersion', N'1');
