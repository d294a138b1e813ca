using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Conformance;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>
/// The activities on a real SQL Server sink (SqlBulkCopy, the interim-table upsert, T-SQL procedures and scripts).
/// They run when CM_TEST_SQLSERVER is set (see SqlServerConformanceFixture) and are skipped otherwise.
/// </summary>
public sealed class SqlServerPipelineTests(SampleFixture sampleFixture, SqlServerConformanceFixture sqlFixture)
    : IClassFixture<SampleFixture>, IClassFixture<SqlServerConformanceFixture>
{
    [SkippableFact]
    public async Task Copy_insert_and_upsert_script_and_procedure_on_sql_server()
    {
        Skip.If(!SqlServerConformanceFixture.Available, $"Set {SqlServerConformanceFixture.EnvironmentVariable} to run the SQL Server pipeline tests.");
        using var sample = new PipelineSample(sampleFixture.Folder);
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, "CREATE TABLE src (Id INTEGER NOT NULL, Name TEXT); INSERT INTO src VALUES (1, 'one'), (2, 'two'), (3, 'three');");
        sample.Resources
            .LinkedService("Sql", AdfResources.LinkedServiceFor(sqlFixture.Endpoints!.Scratch, parameterizeDatabase: false))
            .Dataset("SqlDs", AdfResources.TableDataset("Sql", sqlFixture.Endpoints.Scratch.Kind, databaseParameter: false));
        var table = "cm_pipeline_" + Guid.NewGuid().ToString("N")[..8];
        var procedure = "cm_pipeline_proc_" + Guid.NewGuid().ToString("N")[..8];
        string Copy(string name, string sink, string dependsOn) => $$$"""
            {"name": "{{{name}}}", "type": "Copy", "dependsOn": {{{dependsOn}}},
             "inputs": [{"referenceName": "BcDs", "type": "DatasetReference", "parameters": {"TableName": "src"}}],
             "outputs": [{"referenceName": "SqlDs", "type": "DatasetReference", "parameters": {"TableName": "{{{table}}}"}}],
             "typeProperties": {"source": {"type": "SqlServerSource"}, "sink": {{{sink}}}}}
            """;
        var pipeline = Json.Pipeline($$$"""
            [{"name": "Create", "type": "Script", "linkedServiceName": {"referenceName": "Sql", "type": "LinkedServiceReference"},
              "typeProperties": {"scripts": [{"type": "NonQuery", "text": "CREATE TABLE dbo.{{{table}}} (Id int NOT NULL PRIMARY KEY, Name nvarchar(20) NULL)"},
                                             {"type": "NonQuery", "text": "CREATE PROCEDURE dbo.{{{procedure}}} @Id int, @Name nvarchar(20) AS UPDATE dbo.{{{table}}} SET Name = @Name WHERE Id = @Id"}]}},
             {{{Copy("Insert", """{"type": "SqlServerSink", "writeBatchSize": 2}""", PipelineSample.DependsOn("Create", "Succeeded"))}}},
             {{{Copy("Upsert", """{"type": "SqlServerSink", "writeBehavior": "Upsert", "upsertSettings": {"keys": ["Id"]}}""", PipelineSample.DependsOn("Insert", "Succeeded"))}}},
             {"name": "Rename", "type": "SqlServerStoredProcedure", "dependsOn": [{"activity": "Upsert", "dependencyConditions": ["Succeeded"]}],
              "linkedServiceName": {"referenceName": "Sql", "type": "LinkedServiceReference"},
              "typeProperties": {"storedProcedureName": "dbo.{{{procedure}}}", "storedProcedureParameters": {"Id": {"value": "2", "type": "Int"}, "Name": {"value": "TWO", "type": "String"}} }},
             {"name": "Check", "type": "Lookup", "dependsOn": [{"activity": "Rename", "dependencyConditions": ["Succeeded"]}],
              "typeProperties": {"source": {"type": "SqlServerSource", "sqlReaderQuery": "SELECT COUNT(*) AS n, MAX(CASE WHEN Id = 2 THEN Name END) AS two FROM dbo.{{{table}}}"},
              "dataset": {"referenceName": "SqlDs", "type": "DatasetReference"}} }]
            """);

        var result = await sample.RunAsync(pipeline);

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(3, sample.Recorder.Final("Insert").Output!["rowsCopied"]!.GetValue<long>());
        Assert.Equal(3, sample.Recorder.Final("Upsert").Output!["rowsCopied"]!.GetValue<long>());
        var check = sample.Recorder.Final("Check").Output!["firstRow"]!;
        Assert.Equal(3, check["n"]!.GetValue<long>());
        Assert.Equal("TWO", check["two"]!.GetValue<string>());
    }
}
