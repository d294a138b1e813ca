namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// Linked service types the engine understands. SqlServer and AzureSqlDatabase are ADF's own
/// (entityTypes/LinkedService.json of the ADF REST spec); <see cref="Sqlite"/> is local-only.
/// </summary>
public static class LinkedServiceTypes
{
    public const string SqlServer = "SqlServer";

    public const string AzureSqlDatabase = "AzureSqlDatabase";

    /// <summary>
    /// A SQLite database file, for the embedded engine only (ADF has no SQLite connector, so a factory in
    /// Azure refuses it). <c>typeProperties.path</c> is the file's path, a string or an expression such as
    /// <c>/data/@{linkedService().DatabaseName}.db</c>. Datasets over it use the SQL Server dataset, source
    /// and sink types, so pipelines stay the same; only the linked service differs between the runtimes.
    /// </summary>
    public const string Sqlite = "CloudMigrationSqlite";

    public static IReadOnlyList<string> All { get; } = [SqlServer, AzureSqlDatabase, Sqlite];
}

/// <summary>Dataset types the engine understands (entityTypes/Dataset.json).</summary>
public static class DatasetTypes
{
    public const string SqlServerTable = "SqlServerTable";

    public const string AzureSqlTable = "AzureSqlTable";

    public static IReadOnlyList<string> All { get; } = [SqlServerTable, AzureSqlTable];
}

/// <summary>Activity types the engine runs (entityTypes/Pipeline.json).</summary>
public static class ActivityTypes
{
    public const string Lookup = "Lookup";

    public const string ForEach = "ForEach";

    public const string Copy = "Copy";

    public const string SqlServerStoredProcedure = "SqlServerStoredProcedure";

    public const string Script = "Script";

    public static IReadOnlyList<string> All { get; } = [Lookup, ForEach, Copy, SqlServerStoredProcedure, Script];
}

/// <summary>Copy (and Lookup) source types, and Copy sink types, the engine understands.</summary>
public static class CopyTypes
{
    public const string SqlServerSource = "SqlServerSource";

    public const string AzureSqlSource = "AzureSqlSource";

    public const string SqlServerSink = "SqlServerSink";

    public const string AzureSqlSink = "AzureSqlSink";

    public static IReadOnlyList<string> Sources { get; } = [SqlServerSource, AzureSqlSource];

    public static IReadOnlyList<string> Sinks { get; } = [SqlServerSink, AzureSqlSink];
}

/// <summary>The "type" of a reference object (datafactory.json: DatasetReference, LinkedServiceReference, ...).</summary>
public static class ReferenceTypes
{
    public const string Dataset = "DatasetReference";

    public const string LinkedService = "LinkedServiceReference";

    public const string IntegrationRuntime = "IntegrationRuntimeReference";
}
