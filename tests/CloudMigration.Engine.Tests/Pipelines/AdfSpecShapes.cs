namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>
/// The shapes of the ADF resources the builders produce, written down by hand from the Azure Data Factory REST spec
/// (Azure/azure-rest-api-specs, specification/datafactory/resource-manager/Microsoft.DataFactory/stable/2018-06-01/):
/// entityTypes/Pipeline.json (Pipeline, Activity, ActivityDependency, ExecutionActivity, ControlActivity, LookupActivity,
/// ForEachActivity, CopyActivity, CopySource, TabularSource, SqlServerSource, AzureSqlSource, CopySink, SqlServerSink,
/// AzureSqlSink, SqlUpsertSettings, StoredProcedureParameter, SqlServerStoredProcedureActivity, ScriptActivity,
/// ScriptActivityScriptBlock), entityTypes/Dataset.json (Dataset, SqlServerTableDataset, AzureSqlTableDataset),
/// entityTypes/LinkedService.json (LinkedService, SqlServerLinkedService, AzureSqlDatabaseLinkedService and their
/// typeProperties with SqlServerBaseLinkedServiceTypeProperties) and datafactory.json (Expression, SecureString,
/// SecretBase, AzureKeyVaultSecretReference, ParameterSpecification, DatasetReference, LinkedServiceReference,
/// IntegrationRuntimeReference, the *Resource wrappers).
/// <para>
/// Only the properties of the definitions we produce are listed. Type words: string, integer, boolean, array, object
/// (a JSON object of any content), any (the spec's "type": "object" with no properties, ADF's "value or Expression"),
/// enum:A|B, array&lt;Def&gt;, map&lt;Def&gt; (an object whose values are Def), or a definition's name.
/// "additional": true where the spec has additionalProperties (so unknown members are allowed); otherwise a member
/// the spec does not list is an error, which catches misspelt property names. "discriminator" maps "type" values to
/// the derived definition, as the spec's x-ms-discriminator-value does.
/// </para>
/// </summary>
internal static class AdfSpecShapes
{
    public const string Json = """
    {
      "PipelineResource": { "properties": { "properties": "Pipeline", "name": "string" }, "required": ["properties"] },
      "Pipeline": {
        "properties": { "description": "string", "activities": "array<Activity>", "parameters": "map<ParameterSpecification>", "variables": "object",
                        "concurrency": "integer", "annotations": "array", "runDimensions": "object", "folder": "object", "policy": "object" } },
      "ParameterSpecification": { "properties": { "type": "enum:Object|String|Int|Float|Bool|Array|SecureString", "defaultValue": "any" }, "required": ["type"] },

      "Activity": {
        "discriminator": { "Lookup": "LookupActivity", "ForEach": "ForEachActivity", "Copy": "CopyActivity",
                           "SqlServerStoredProcedure": "SqlServerStoredProcedureActivity", "Script": "ScriptActivity" },
        "properties": { "name": "string", "type": "string", "description": "string", "dependsOn": "array<ActivityDependency>", "userProperties": "array" },
        "required": ["name", "type"], "additional": true },
      "ActivityDependency": {
        "properties": { "activity": "string", "dependencyConditions": "array<enum:Succeeded|Failed|Skipped|Completed>" },
        "required": ["activity", "dependencyConditions"], "additional": true },
      "ExecutionActivity": { "allOf": ["Activity"], "properties": { "linkedServiceName": "LinkedServiceReference", "policy": "object" } },
      "ControlActivity": { "allOf": ["Activity"], "properties": {} },

      "LookupActivity": { "allOf": ["ExecutionActivity"], "properties": { "typeProperties": "LookupActivityTypeProperties" }, "required": ["typeProperties"] },
      "LookupActivityTypeProperties": { "properties": { "source": "CopySource", "dataset": "DatasetReference", "firstRowOnly": "any" }, "required": ["source", "dataset"] },

      "ForEachActivity": { "allOf": ["ControlActivity"], "properties": { "typeProperties": "ForEachActivityTypeProperties" }, "required": ["typeProperties"] },
      "ForEachActivityTypeProperties": {
        "properties": { "isSequential": "boolean", "batchCount": "integer", "items": "Expression", "activities": "array<Activity>" },
        "required": ["items", "activities"] },

      "CopyActivity": {
        "allOf": ["ExecutionActivity"],
        "properties": { "typeProperties": "CopyActivityTypeProperties", "inputs": "array<DatasetReference>", "outputs": "array<DatasetReference>" },
        "required": ["typeProperties"] },
      "CopyActivityTypeProperties": {
        "properties": { "source": "CopySource", "sink": "CopySink", "translator": "object", "enableStaging": "any", "stagingSettings": "object",
                        "parallelCopies": "any", "dataIntegrationUnits": "any", "enableSkipIncompatibleRow": "any", "redirectIncompatibleRowSettings": "object",
                        "logStorageSettings": "object", "logSettings": "object", "preserveRules": "array", "preserve": "array",
                        "validateDataConsistency": "any", "skipErrorFile": "object" },
        "required": ["source", "sink"] },
      "CopySource": {
        "discriminator": { "SqlServerSource": "SqlServerSource", "AzureSqlSource": "AzureSqlSource" },
        "properties": { "type": "string", "sourceRetryCount": "any", "sourceRetryWait": "any", "maxConcurrentConnections": "any", "disableMetricsCollection": "any" },
        "required": ["type"], "additional": true },
      "TabularSource": { "allOf": ["CopySource"], "properties": { "queryTimeout": "any", "additionalColumns": "any" } },
      "SqlServerSource": {
        "allOf": ["TabularSource"],
        "properties": { "sqlReaderQuery": "any", "sqlReaderStoredProcedureName": "any", "storedProcedureParameters": "map<StoredProcedureParameter>",
                        "produceAdditionalTypes": "any", "partitionOption": "any", "partitionSettings": "object" } },
      "AzureSqlSource": {
        "allOf": ["TabularSource"],
        "properties": { "sqlReaderQuery": "any", "sqlReaderStoredProcedureName": "any", "storedProcedureParameters": "map<StoredProcedureParameter>",
                        "produceAdditionalTypes": "any", "partitionOption": "any", "partitionSettings": "object" } },
      "CopySink": {
        "discriminator": { "SqlServerSink": "SqlServerSink", "AzureSqlSink": "AzureSqlSink" },
        "properties": { "type": "string", "writeBatchSize": "any", "writeBatchTimeout": "any", "sinkRetryCount": "any", "sinkRetryWait": "any",
                        "maxConcurrentConnections": "any", "disableMetricsCollection": "any" },
        "required": ["type"], "additional": true },
      "SqlServerSink": {
        "allOf": ["CopySink"],
        "properties": { "sqlWriterStoredProcedureName": "any", "sqlWriterTableType": "any", "preCopyScript": "any", "storedProcedureParameters": "map<StoredProcedureParameter>",
                        "storedProcedureTableTypeParameterName": "any", "tableOption": "any", "sqlWriterUseTableLock": "any", "writeBehavior": "any", "upsertSettings": "SqlUpsertSettings" } },
      "AzureSqlSink": {
        "allOf": ["CopySink"],
        "properties": { "sqlWriterStoredProcedureName": "any", "sqlWriterTableType": "any", "preCopyScript": "any", "storedProcedureParameters": "map<StoredProcedureParameter>",
                        "storedProcedureTableTypeParameterName": "any", "tableOption": "any", "sqlWriterUseTableLock": "any", "writeBehavior": "any", "upsertSettings": "SqlUpsertSettings" } },
      "SqlUpsertSettings": { "properties": { "useTempDB": "any", "interimSchemaName": "any", "keys": "any" } },
      "StoredProcedureParameter": { "properties": { "value": "any", "type": "enum:String|Int|Int64|Decimal|Guid|Boolean|Date" } },

      "SqlServerStoredProcedureActivity": {
        "allOf": ["ExecutionActivity"], "properties": { "typeProperties": "SqlServerStoredProcedureActivityTypeProperties" },
        "required": ["typeProperties", "linkedServiceName"] },
      "SqlServerStoredProcedureActivityTypeProperties": {
        "properties": { "storedProcedureName": "any", "storedProcedureParameters": "map<StoredProcedureParameter>" }, "required": ["storedProcedureName"] },
      "ScriptActivity": { "allOf": ["ExecutionActivity"], "properties": { "typeProperties": "ScriptActivityTypeProperties" }, "required": ["typeProperties", "linkedServiceName"] },
      "ScriptActivityTypeProperties": { "properties": { "scripts": "array<ScriptActivityScriptBlock>", "logSettings": "object", "scriptBlockExecutionTimeout": "any" } },
      "ScriptActivityScriptBlock": { "properties": { "text": "any", "type": "enum:Query|NonQuery", "parameters": "array" }, "required": ["text", "type"] },

      "Expression": { "properties": { "type": "enum:Expression", "value": "string" }, "required": ["type", "value"] },
      "DatasetReference": { "properties": { "type": "enum:DatasetReference", "referenceName": "string", "parameters": "object" }, "required": ["type", "referenceName"] },
      "LinkedServiceReference": { "properties": { "type": "enum:LinkedServiceReference", "referenceName": "string", "parameters": "object" }, "required": ["type", "referenceName"] },
      "IntegrationRuntimeReference": { "properties": { "type": "enum:IntegrationRuntimeReference", "referenceName": "string", "parameters": "object" }, "required": ["type", "referenceName"] },

      "DatasetResource": { "properties": { "properties": "Dataset", "name": "string" }, "required": ["properties"] },
      "Dataset": {
        "discriminator": { "SqlServerTable": "SqlServerTableDataset", "AzureSqlTable": "AzureSqlTableDataset" },
        "properties": { "type": "string", "description": "string", "structure": "any", "schema": "any", "linkedServiceName": "LinkedServiceReference",
                        "parameters": "map<ParameterSpecification>", "annotations": "array", "folder": "object" },
        "required": ["type", "linkedServiceName"], "additional": true },
      "SqlServerTableDataset": { "allOf": ["Dataset"], "properties": { "typeProperties": "SqlTableDatasetTypeProperties" } },
      "AzureSqlTableDataset": { "allOf": ["Dataset"], "properties": { "typeProperties": "SqlTableDatasetTypeProperties" } },
      "SqlTableDatasetTypeProperties": { "properties": { "tableName": "any", "schema": "any", "table": "any" } },

      "LinkedServiceResource": { "properties": { "properties": "LinkedService", "name": "string" }, "required": ["properties"] },
      "LinkedService": {
        "discriminator": { "SqlServer": "SqlServerLinkedService", "AzureSqlDatabase": "AzureSqlDatabaseLinkedService" },
        "properties": { "type": "string", "version": "string", "connectVia": "IntegrationRuntimeReference", "description": "string",
                        "parameters": "map<ParameterSpecification>", "annotations": "array" },
        "required": ["type"], "additional": true },
      "SqlServerLinkedService": { "allOf": ["LinkedService"], "properties": { "typeProperties": "SqlServerLinkedServiceTypeProperties" }, "required": ["typeProperties"] },
      "AzureSqlDatabaseLinkedService": { "allOf": ["LinkedService"], "properties": { "typeProperties": "AzureSqlDatabaseLinkedServiceTypeProperties" }, "required": ["typeProperties"] },
      "SqlServerBaseLinkedServiceTypeProperties": {
        "properties": { "server": "any", "database": "any", "encrypt": "any", "trustServerCertificate": "any", "hostNameInCertificate": "any",
                        "applicationIntent": "any", "connectTimeout": "any", "connectRetryCount": "any", "connectRetryInterval": "any",
                        "loadBalanceTimeout": "any", "commandTimeout": "any", "integratedSecurity": "any", "failoverPartner": "any",
                        "maxPoolSize": "any", "minPoolSize": "any", "multipleActiveResultSets": "any", "multiSubnetFailover": "any",
                        "packetSize": "any", "pooling": "any" } },
      "SqlServerLinkedServiceTypeProperties": {
        "allOf": ["SqlServerBaseLinkedServiceTypeProperties"],
        "properties": { "connectionString": "any", "authenticationType": "enum:SQL|Windows|SystemAssignedManagedIdentity|UserAssignedManagedIdentity",
                        "userName": "any", "password": "SecretBase", "encryptedCredential": "string", "alwaysEncryptedSettings": "object", "credential": "object" } },
      "AzureSqlDatabaseLinkedServiceTypeProperties": {
        "allOf": ["SqlServerBaseLinkedServiceTypeProperties"],
        "properties": { "connectionString": "any", "authenticationType": "enum:SQL|ServicePrincipal|SystemAssignedManagedIdentity|UserAssignedManagedIdentity",
                        "userName": "any", "password": "AzureKeyVaultSecretReference", "servicePrincipalId": "any", "servicePrincipalKey": "SecretBase",
                        "servicePrincipalCredentialType": "any", "servicePrincipalCredential": "SecretBase", "tenant": "any", "azureCloudType": "any",
                        "encryptedCredential": "string", "alwaysEncryptedSettings": "object", "credential": "object" } },
      "SecretBase": {
        "discriminator": { "SecureString": "SecureString", "AzureKeyVaultSecret": "AzureKeyVaultSecretReference" },
        "properties": { "type": "string" }, "required": ["type"] },
      "SecureString": { "allOf": ["SecretBase"], "properties": { "value": "string" }, "required": ["value"] },
      "AzureKeyVaultSecretReference": {
        "allOf": ["SecretBase"], "properties": { "store": "LinkedServiceReference", "secretName": "any", "secretVersion": "any" }, "required": ["store", "secretName"] }
    }
    """;
}
