namespace CloudMigration.Engine.Errors;

/// <summary>
/// Stable error identifiers. They are part of the public contract: scripts match on them
/// (<c>$_.FullyQualifiedErrorId -like 'ConnectionStringUnknownKeyword*'</c>), so never rename one.
/// </summary>
public static class ErrorIds
{
    // Endpoint input (nothing has connected yet)
    public const string EndpointEmpty = "EndpointEmpty";
    public const string EndpointAmbiguous = "EndpointAmbiguous";
    public const string EndpointUnknownKind = "EndpointUnknownKind";
    public const string ConnectionStringMalformed = "ConnectionStringMalformed";
    public const string ConnectionStringUnknownKeyword = "ConnectionStringUnknownKeyword";
    public const string ConnectionStringInvalidValue = "ConnectionStringInvalidValue";
    public const string ConnectionStringMissingServer = "ConnectionStringMissingServer";
    public const string ConnectionStringMissingDatabase = "ConnectionStringMissingDatabase";
    public const string PasswordInConnectionStringAndCredential = "PasswordInConnectionStringAndCredential";
    public const string CredentialWithIntegratedSecurity = "CredentialWithIntegratedSecurity";
    public const string CredentialNotSupported = "CredentialNotSupported";
    public const string AccessTokenWithPassword = "AccessTokenWithPassword";
    public const string SqliteFolderNotFound = "SqliteFolderNotFound";
    public const string SqliteInMemoryNotSupported = "SqliteInMemoryNotSupported";
    public const string SqliteDatabaseNameInvalid = "SqliteDatabaseNameInvalid";

    // Connecting and reading
    public const string DatabaseNotFound = "DatabaseNotFound";
    public const string NotASqliteDatabase = "NotASqliteDatabase";
    public const string ServerUnreachable = "ServerUnreachable";
    public const string LoginFailed = "LoginFailed";
    public const string PermissionDenied = "PermissionDenied";
    public const string ProviderError = "ProviderError";
    public const string NotAnSlSystemDatabase = "NotAnSlSystemDatabase";
    public const string NotABusinessCentralDatabase = "NotABusinessCentralDatabase";
    public const string CompanyNotFound = "CompanyNotFound";
    public const string ExtensionNotFound = "ExtensionNotFound";
    public const string AuthenticationMethodNotSupported = "AuthenticationMethodNotSupported";

    // Compatibility
    public const string StorageCapacityInvalid = "StorageCapacityInvalid";

    // Table plan
    public const string TableMappingInvalid = "TableMappingInvalid";
    public const string TableMappingDuplicateDestination = "TableMappingDuplicateDestination";
    public const string TablePlanStale = "TablePlanStale";
    public const string TablePlanInvalid = "TablePlanInvalid";

    // Data factories and integration runtimes
    public const string FactoryStoreUnavailable = "FactoryStoreUnavailable";
    public const string FactoryNotFound = "FactoryNotFound";
    public const string FactoryExists = "FactoryExists";
    public const string FactoryNameInvalid = "FactoryNameInvalid";
    public const string FactoryInUse = "FactoryInUse";
    public const string NoHealthyFactory = "NoHealthyFactory";
    public const string FactoryKindNotSupported = "FactoryKindNotSupported";
    public const string IntegrationRuntimeAmbiguous = "IntegrationRuntimeAmbiguous";
    public const string IntegrationRuntimeNotFound = "IntegrationRuntimeNotFound";
    public const string IntegrationRuntimeNameInvalid = "IntegrationRuntimeNameInvalid";
    public const string IntegrationRuntimeInUse = "IntegrationRuntimeInUse";
    public const string AuthKeyInvalid = "AuthKeyInvalid";
    public const string AuthKeyNameInvalid = "AuthKeyNameInvalid";
    public const string NodeLimitReached = "NodeLimitReached";
    public const string NodeNameInvalid = "NodeNameInvalid";

    // Pipelines and runs
    public const string ResourceNameInvalid = "ResourceNameInvalid";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string ResourceInUse = "ResourceInUse";
    public const string PipelineInvalid = "PipelineInvalid";
    public const string ExpressionInvalid = "ExpressionInvalid";
    public const string PipelineRunNotFound = "PipelineRunNotFound";
    public const string PipelineRunFailed = "PipelineRunFailed";
    public const string ValueTooLong = "ValueTooLong";
    public const string IntegrationRuntimeOffline = "IntegrationRuntimeOffline";
    public const string ExportPathInvalid = "ExportPathInvalid";

    // Setup
    public const string SetupInvalidArgument = "SetupInvalidArgument";
    public const string SetupExists = "SetupExists";
    public const string SetupNotFound = "SetupNotFound";
    public const string SetupCompatibilityFailed = "SetupCompatibilityFailed";
    public const string SetupPreparationFailed = "SetupPreparationFailed";
    public const string SetupNothingToCopy = "SetupNothingToCopy";
    public const string SetupStepFailed = "SetupStepFailed";
    public const string IntegrationRuntimeNotOnline = "IntegrationRuntimeNotOnline";

    // Azure Data Factory (ARM REST API)
    public const string AzureFactoryIdInvalid = "AzureFactoryIdInvalid";
    public const string AzureEndpointInvalid = "AzureEndpointInvalid";
    public const string AzureRequestFailed = "AzureRequestFailed";
    public const string AzureAuthenticationFailed = "AzureAuthenticationFailed";
    public const string AzurePermissionDenied = "AzurePermissionDenied";
    public const string AzureConflict = "AzureConflict";
    public const string AzureThrottled = "AzureThrottled";
    public const string AzureServiceUnavailable = "AzureServiceUnavailable";
    public const string AzureRequestTimeout = "AzureRequestTimeout";
    public const string AzureConnectionFailed = "AzureConnectionFailed";
    public const string AzureServerCertificateRejected = "AzureServerCertificateRejected";
    public const string AzureResponseInvalid = "AzureResponseInvalid";
    public const string AzureRunSubmissionUncertain = "AzureRunSubmissionUncertain";
    public const string AzureSignInRequired = "AzureSignInRequired";
    public const string NodeRegistrationNotSupported = "NodeRegistrationNotSupported";

    // Replication: change capture, delta apply, verification
    public const string ReplicationKeyNotMapped = "ReplicationKeyNotMapped";
    public const string ReplicationRequiresFull = "ReplicationRequiresFull";
    public const string SyncStateConflict = "SyncStateConflict";
    public const string RequiredColumnNotMapped = "RequiredColumnNotMapped";
    public const string VerificationOrderMismatch = "VerificationOrderMismatch";
    public const string TableVerificationFailed = "TableVerificationFailed";
    public const string VerificationTableNotFound = "VerificationTableNotFound";

    // Replication runs
    public const string ReplicationSetupNotReady = "ReplicationSetupNotReady";
    public const string ReplicationRunInProgress = "ReplicationRunInProgress";
    public const string ReplicationRunNotFound = "ReplicationRunNotFound";
    public const string ReplicationNoTables = "ReplicationNoTables";
    public const string ReplicationSourceRequired = "ReplicationSourceRequired";
    public const string ReplicationTableFailed = "ReplicationTableFailed";

    // Sample
    public const string SamplePathNotEmpty = "SamplePathNotEmpty";
    public const string SampleInvalidOption = "SampleInvalidOption";
}
