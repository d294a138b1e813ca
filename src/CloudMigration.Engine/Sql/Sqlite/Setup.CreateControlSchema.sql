-- Setup: the control schema in the destination, when missing (SQLite has no schemas, so every table is cm_<Name>).
-- The setup's state (one setup, its steps), what the preparation pipeline collects (source companies, destination
-- extensions), the compatibility results and the table plan. Start-CmSetup runs it before its first step; the
-- preparation pipeline runs it again (it changes nothing then). The replication table is Pipelines.CreateControlTable.
CREATE TABLE IF NOT EXISTS cm_Metadata (
    Name TEXT NOT NULL PRIMARY KEY,
    Value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cm_Setup (
    SetupId TEXT NOT NULL PRIMARY KEY,
    Status TEXT NOT NULL,
    Product TEXT NOT NULL,
    Source TEXT NOT NULL,
    SourceKind TEXT NOT NULL,
    Fingerprint TEXT NOT NULL,
    Companies TEXT NOT NULL,
    ResourceSuffix TEXT NOT NULL,
    Factory TEXT NULL,
    FactoryKind TEXT NULL,
    FactoryReason TEXT NULL,
    IntegrationRuntime TEXT NULL,
    IntegrationRuntimeCreated INTEGER NOT NULL DEFAULT 0,
    BatchCount INTEGER NULL,
    TotalCompanies INTEGER NULL,
    TotalSizeMB REAL NULL,
    StartedAt TEXT NOT NULL,
    UpdatedAt TEXT NOT NULL,
    CompletedAt TEXT NULL,
    Message TEXT NULL
);
CREATE TABLE IF NOT EXISTS cm_SetupStep (
    SetupId TEXT NOT NULL,
    Ordinal INTEGER NOT NULL,
    Name TEXT NOT NULL,
    Status TEXT NOT NULL,
    Attempts INTEGER NOT NULL DEFAULT 0,
    StartedAt TEXT NULL,
    CompletedAt TEXT NULL,
    Message TEXT NULL,
    PRIMARY KEY (SetupId, Name)
);
CREATE TABLE IF NOT EXISTS cm_CompatibilityResult (
    Ordinal INTEGER NOT NULL PRIMARY KEY,
    "Check" TEXT NOT NULL,
    Target TEXT NOT NULL,
    TargetType TEXT NOT NULL,
    Company TEXT NULL,
    Status TEXT NOT NULL,
    Code INTEGER NULL,
    Message TEXT NOT NULL,
    RecommendedAction TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cm_TablePlan (
    Ordinal INTEGER NOT NULL PRIMARY KEY,
    Company TEXT NOT NULL,
    SourceDatabase TEXT NOT NULL,
    SourceTable TEXT NOT NULL,
    DestinationTable TEXT NOT NULL,
    CopyMethod TEXT NOT NULL,
    Status TEXT NOT NULL,
    EstimatedRows INTEGER NULL,
    EstimatedSizeMB REAL NULL,
    Reason TEXT NOT NULL,
    Code INTEGER NULL,
    Notes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cm_SourceCompany (
    Active INTEGER NULL,
    CpnyID TEXT NULL,
    CpnyName TEXT NULL,
    DatabaseName TEXT NULL
);
CREATE TABLE IF NOT EXISTS cm_DestinationExtension (
    AppId TEXT NULL,
    Name TEXT NULL,
    Publisher TEXT NULL,
    VersionMajor INTEGER NULL,
    VersionMinor INTEGER NULL,
    VersionBuild INTEGER NULL,
    VersionRevision INTEGER NULL
);
CREATE TABLE IF NOT EXISTS cm_ReplicationRun (
    RunId TEXT NOT NULL PRIMARY KEY,
    RequestId TEXT NOT NULL,
    Type TEXT NOT NULL,
    Status TEXT NOT NULL,
    StartedAt TEXT NOT NULL,
    CompletedAt TEXT NULL,
    Tables INTEGER NOT NULL DEFAULT 0,
    TablesFailed INTEGER NOT NULL DEFAULT 0,
    RecordsCopied INTEGER NOT NULL DEFAULT 0,
    PipelineRunId TEXT NULL,
    Message TEXT NULL
);
CREATE TABLE IF NOT EXISTS cm_ReplicationTableResult (
    RunId TEXT NOT NULL,
    TableId INTEGER NOT NULL,
    Company TEXT NOT NULL,
    SourceTable TEXT NOT NULL,
    DestinationTable TEXT NOT NULL,
    CopyType TEXT NOT NULL,
    Reason TEXT NULL,
    Status TEXT NOT NULL,
    RecordsCopied INTEGER NULL,
    TotalRecords INTEGER NULL,
    ErrorCode TEXT NULL,
    ErrorMessage TEXT NULL,
    StartedAt TEXT NULL,
    CompletedAt TEXT NULL,
    PRIMARY KEY (RunId, TableId)
);
INSERT INTO cm_Metadata (Name, Value) VALUES ('ControlSchemaVersion', '1')
ON CONFLICT (Name) DO UPDATE SET Value = excluded.Value;
