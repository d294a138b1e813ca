using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Discovery;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>
/// A private copy of the SQLite sample with a factory's worth of resources over it: linked services SlSystem, SlApp
/// and Bc (CloudMigrationSqlite), and datasets SlSystemDs, SlAppDs and BcDs (BcDs and SlAppDs take a TableName
/// parameter). Tests add pipelines and procedures and run them with <see cref="RunAsync"/>.
/// </summary>
internal sealed class PipelineSample : IDisposable
{
    public PipelineSample(string sampleFolder)
    {
        Copy = PrivateSample.CopyOf(sampleFolder);
        Resources = new InMemoryResources()
            .LinkedService("SlSystem", Json.SqliteLinkedService(Copy.PathOf(SampleEnvironmentBuilder.SystemDatabase)))
            .LinkedService("SlApp", Json.SqliteLinkedService(Copy.PathOf("SLApp")))
            .LinkedService("Bc", Json.SqliteLinkedService(Copy.PathOf(SampleEnvironmentBuilder.DestinationDatabase)))
            .Dataset("SlSystemDs", Json.TableDataset("SlSystem", "Company"))
            .Dataset("SlAppDs", TableParameterDataset("SlApp"))
            .Dataset("BcDs", TableParameterDataset("Bc"));
    }

    public PrivateSample Copy { get; }

    public InMemoryResources Resources { get; }

    public SqliteProcedureRegistry Procedures { get; } = SqliteProcedureRegistry.CreateDefault();

    public RecordingRecorder Recorder { get; private set; } = new();

    public string BcPath => Copy.PathOf(SampleEnvironmentBuilder.DestinationDatabase);

    public Task<PipelineRunResult> RunAsync(JsonObject pipeline, JsonObject? parameters = null, CancellationToken cancellationToken = default,
        RecordingRecorder? recorder = null, TimeProvider? clock = null)
    {
        Recorder = recorder ?? new RecordingRecorder();
        var runner = new PipelineRunner(new PipelineRunnerOptions { Procedures = Procedures, Clock = clock ?? TimeProvider.System, CopyBatchSize = 3 });
        return runner.ExecuteAsync("run-" + Guid.NewGuid().ToString("N"), pipeline, parameters ?? [], Resources, Recorder, cancellationToken);
    }

    public long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Copy.PathOf(database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public string? Text(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Copy.PathOf(database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public IReadOnlyList<string> Texts(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Copy.PathOf(database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public void Dispose() => Copy.Dispose();

    /// <summary>An SP activity on the Bc linked service.</summary>
    public static string Procedure(string name, string procedure, string parameters = "{}", string dependsOn = "[]") => $$$"""
        {"name": "{{{name}}}", "type": "SqlServerStoredProcedure", "dependsOn": {{{dependsOn}}},
         "linkedServiceName": {"referenceName": "Bc", "type": "LinkedServiceReference"},
         "typeProperties": {"storedProcedureName": "{{{procedure}}}", "storedProcedureParameters": {{{parameters}}}}}
        """;

    /// <summary>A Script activity on the Bc linked service with one block.</summary>
    public static string Script(string name, string type, string text, string dependsOn = "[]") => $$$"""
        {"name": "{{{name}}}", "type": "Script", "dependsOn": {{{dependsOn}}},
         "linkedServiceName": {"referenceName": "Bc", "type": "LinkedServiceReference"},
         "typeProperties": {"scripts": [{"type": "{{{type}}}", "text": {{{JsonValue.Create(text).ToJsonString()}}}}]}}
        """;

    public static string DependsOn(string activity, string condition) => $$$"""[{"activity": "{{{activity}}}", "dependencyConditions": ["{{{condition}}}"]}]""";

    private static JsonObject TableParameterDataset(string linkedService) => Json.Resource($$$"""
        {"type": "SqlServerTable", "linkedServiceName": {"referenceName": "{{{linkedService}}}", "type": "LinkedServiceReference"},
         "parameters": {"TableName": {"type": "String", "defaultValue": ""}},
         "typeProperties": {"table": {"value": "@dataset().TableName", "type": "Expression"}} }
        """);
}
