-- Setup: everything Get-CmSetup shows, read from the control schema in five result sets: the setup, its steps, the
-- compatibility results, the table plan by copy method and status, and the counts of what preparation collected.
SELECT SetupId, Status, Product, Source, SourceKind, Fingerprint, Companies, ResourceSuffix, Factory, FactoryKind, FactoryReason,
       IntegrationRuntime, IntegrationRuntimeCreated, BatchCount, TotalCompanies, TotalSizeMB, StartedAt, UpdatedAt, CompletedAt, Message
FROM cm_Setup;
SELECT Ordinal, Name, Status, Attempts, StartedAt, CompletedAt, Message
FROM cm_SetupStep
ORDER BY Ordinal;
SELECT Ordinal, "Check", Target, TargetType, Company, Status, Code, Message, RecommendedAction
FROM cm_CompatibilityResult
ORDER BY Ordinal;
SELECT CopyMethod, Status, COUNT(*) AS Tables, SUM(EstimatedRows) AS EstimatedRows, SUM(EstimatedSizeMB) AS EstimatedSizeMB
FROM cm_TablePlan
GROUP BY CopyMethod, Status
ORDER BY CopyMethod, Status;
SELECT (SELECT COUNT(*) FROM cm_SourceCompany) AS SourceCompanies,
       (SELECT COUNT(*) FROM cm_DestinationExtension) AS DestinationExtensions;
