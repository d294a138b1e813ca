namespace CloudMigration.Engine.Telemetry;

/// <summary>
/// The catalog of telemetry events. The ids ("CM" and four digits) are stable: once published an id never
/// changes and is never reused for another event; a changed meaning gets a new id. Where Microsoft's Cloud
/// Migration (category "CloudMigration") has a corresponding event, its id is named in the doc comment.
/// Each event declares the only keys it may carry (<see cref="TelemetryEventDefinition.AllowedKeys"/>):
/// counts, statuses and product names, never server names, connection strings or company names.
/// </summary>
public static class TelemetryEvents
{
    /// <summary>Key: the product of the source ("DynamicsSL").</summary>
    public const string Product = "product";

    /// <summary>Key: the duration of the operation in milliseconds.</summary>
    public const string DurationMs = "durationMs";

    /// <summary>A compatibility test ended (Test-CmCompatibility): counts of Passed, Warning and Failed results and of selected companies.</summary>
    public static readonly TelemetryEventDefinition CompatibilityTested = new("CM0001", "Compatibility tested", null,
        Product, "passed", "warning", "failed", "selectedCompanies", "ready");

    /// <summary>A table plan was built (New-CmTablePlan): entries, companies and entries by copy method.</summary>
    public static readonly TelemetryEventDefinition TablePlanBuilt = new("CM0002", "Table plan built", null,
        Product, "entries", "companies", "delta", "full", "skip");

    /// <summary>Creating an integration runtime. Microsoft: 0000EV4 (creating integration runtime).</summary>
    public static readonly TelemetryEventDefinition IntegrationRuntimeCreating = new("CM0003", "Creating integration runtime", "0000EV4",
        "factoryKind");

    /// <summary>An integration runtime was created (or existed). Microsoft: 0000EV5 (created integration runtime).</summary>
    public static readonly TelemetryEventDefinition IntegrationRuntimeCreated = new("CM0004", "Created integration runtime", "0000EV5",
        "factoryKind", "state", "existed");

    /// <summary>This machine was registered as a node of a self-hosted integration runtime.</summary>
    public static readonly TelemetryEventDefinition NodeRegistered = new("CM0005", "Integration runtime node registered", null,
        "maxConcurrentJobs");

    /// <summary>A pipeline run was started. Microsoft: AL0000K0J (replication run started).</summary>
    public static readonly TelemetryEventDefinition PipelineRunStarted = new("CM0006", "Pipeline run started", "AL0000K0J",
        "wait");

    /// <summary>A waited-for pipeline run succeeded. Microsoft: AL0000K0H (replication run completed).</summary>
    public static readonly TelemetryEventDefinition PipelineRunCompleted = new("CM0007", "Pipeline run completed", "AL0000K0H",
        "status", DurationMs);

    /// <summary>A waited-for pipeline run failed or was cancelled. Microsoft: AL0000K0I (run completed with failed tables).</summary>
    public static readonly TelemetryEventDefinition PipelineRunFailed = new("CM0008", "Pipeline run failed", "AL0000K0I",
        "status", "errorCode", DurationMs);

    /// <summary>Cloud migration setup started or resumed (Start-CmSetup): whether it resumes, and how many companies are selected.</summary>
    public static readonly TelemetryEventDefinition SetupStarted = new("CM0009", "Setup started", null,
        Product, "resumed", "selectedCompanies", "factoryKind");

    /// <summary>Cloud migration setup completed. Microsoft: 0000EUR ("Completed Cloud Migration Setup.").</summary>
    public static readonly TelemetryEventDefinition SetupCompleted = new("CM0010", "Setup completed", "0000EUR",
        Product, "totalCompanies", "selectedCompanies", "totalSizeMB", DurationMs);

    /// <summary>Setup's compatibility check found failed checks or unreachable sides, and setup stopped.</summary>
    public static readonly TelemetryEventDefinition CompatibilityFailed = new("CM0011", "Compatibility failed", null,
        Product, "failed", "connectionErrors");

    /// <summary>The replication pipeline was created. Microsoft: 0000MRI (company included in replication) per company.</summary>
    public static readonly TelemetryEventDefinition ReplicationPipelineCreated = new("CM0012", "Replication pipeline created", "0000MRI",
        Product, "companies", "tables", "batchCount");

    /// <summary>The setup's integration runtime came Online (or was Online): how long the wait took and how many nodes it has.</summary>
    public static readonly TelemetryEventDefinition IntegrationRuntimeOnline = new("CM0013", "Integration runtime online", null,
        "factoryKind", "nodes", "localNode", DurationMs);

    /// <summary>The setup's preparation pipeline run started (or an unfinished one was picked up again).</summary>
    public static readonly TelemetryEventDefinition PreparationStarted = new("CM0014", "Preparation started", null,
        Product, "resumedRun");

    /// <summary>The setup's preparation pipeline run ended: its status and duration.</summary>
    public static readonly TelemetryEventDefinition PreparationCompleted = new("CM0015", "Preparation completed", null,
        Product, "status", DurationMs);

    /// <summary>A replication run started (Start-CmReplication): its type, tables by copy type. Microsoft: AL0000K0J (replication run started).</summary>
    public static readonly TelemetryEventDefinition ReplicationRunStarted = new("CM0016", "Replication run started", "AL0000K0J",
        Product, "type", "tables", "fullTables", "deltaTables");

    /// <summary>A replication run completed with every table successful. Microsoft: AL0000K0H (replication run completed).</summary>
    public static readonly TelemetryEventDefinition ReplicationRunCompleted = new("CM0017", "Replication run completed", "AL0000K0H",
        Product, "type", "status", "tables", "recordsCopied", DurationMs);

    /// <summary>A replication run ended with failed tables. Microsoft: AL0000K0I (replication run completed with failed tables).</summary>
    public static readonly TelemetryEventDefinition ReplicationRunCompletedWithFailures = new("CM0018", "Replication run completed with failed tables", "AL0000K0I",
        Product, "type", "status", "tables", "tablesFailed", "recordsCopied", DurationMs);

    /// <summary>Every cataloged event.</summary>
    public static IReadOnlyList<TelemetryEventDefinition> All { get; } =
    [
        CompatibilityTested, TablePlanBuilt, IntegrationRuntimeCreating, IntegrationRuntimeCreated, NodeRegistered,
        PipelineRunStarted, PipelineRunCompleted, PipelineRunFailed, SetupStarted, SetupCompleted, CompatibilityFailed,
        ReplicationPipelineCreated, IntegrationRuntimeOnline, PreparationStarted, PreparationCompleted,
        ReplicationRunStarted, ReplicationRunCompleted, ReplicationRunCompletedWithFailures,
    ];

    /// <summary>The cataloged event with the id, or null.</summary>
    public static TelemetryEventDefinition? Find(string? id) => All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));
}
