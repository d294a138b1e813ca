using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class PipelineRunnerTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task Every_activity_run_is_recorded_when_it_starts_and_when_it_ends()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline("""
            [{"name": "Look", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource", "sqlReaderQuery": "SELECT '@{pipeline().parameters.Company}' AS c, '@{utcnow()}' AS t"},
              "dataset": {"referenceName": "SlSystemDs", "type": "DatasetReference"}}}]
            """, """{"Company": {"type": "String", "defaultValue": "0010"}}""");
        var result = await sample.RunAsync(pipeline, clock: new FixedClock(Now));

        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
        var records = sample.Recorder.All;
        Assert.Equal([ActivityRunStatus.InProgress, ActivityRunStatus.Succeeded], records.Select(r => r.Status));
        Assert.All(records, r => Assert.Equal("Lookup", r.ActivityType));
        Assert.Single(records.Select(r => r.RunId).Distinct());
        Assert.Equal(Now, records[0].Start);
        Assert.Null(records[0].End);
        Assert.Equal(Now, records[1].End);
        Assert.Equal("SELECT '0010' AS c, '2025-01-02T03:04:05.0000000Z' AS t", records[0].Input!["source"]!["sqlReaderQuery"]!.GetValue<string>());
        Assert.Equal("0010", records[1].Output!["firstRow"]!["c"]!.GetValue<string>());
        Assert.Null(records[1].ErrorCode);
    }

    [Fact]
    public async Task Parameters_take_given_values_defaults_and_types()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline(
            $"[{PipelineSample.Script("Echo", "Query", "SELECT '@{pipeline().parameters.name}' AS name, @{add(pipeline().parameters.count, 1)} AS next, '@{pipeline().parameters.list[1]}' AS second")}]",
            """{"name": {"type": "String", "defaultValue": "fallback"}, "count": {"type": "Int"}, "list": {"type": "Array", "defaultValue": ["a", "b"]}}""");

        var result = await sample.RunAsync(pipeline, Json.Parse("""{"COUNT": "41", "unknown": "ignored"}"""));

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        var row = sample.Recorder.Final("Echo").Output!["resultSets"]![0]!["rows"]![0]!;
        Assert.Equal("fallback", row["name"]!.GetValue<string>());
        Assert.Equal(42, row["next"]!.GetValue<long>());
        Assert.Equal("b", row["second"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_or_mistyped_parameter_fails_the_run_before_any_activity()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline($"[{PipelineSample.Procedure("Noop", "cm.noop")}]", """{"RequestId": {"type": "String"}, "Count": {"type": "Int", "defaultValue": 1}}""");

        var missing = await sample.RunAsync(pipeline);
        Assert.Equal(PipelineRunStatus.Failed, missing.Status);
        Assert.Contains("'RequestId' has no value", missing.Message, StringComparison.Ordinal);
        Assert.Empty(sample.Recorder.All);

        var mistyped = await sample.RunAsync(pipeline, Json.Parse("""{"RequestId": "r", "Count": "many"}"""));
        Assert.Equal(PipelineRunStatus.Failed, mistyped.Status);
        Assert.Contains("is not of its type Int", mistyped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_adf_would_refuse_fails_with_the_validators_message()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var result = await sample.RunAsync(Json.Pipeline("""[{"name": "Look", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource"}, "dataset": {"referenceName": "Nowhere", "type": "DatasetReference"}}}]"""));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.StartsWith("BadRequest: ", result.Message, StringComparison.Ordinal);
        Assert.Contains("'Nowhere'", result.Message, StringComparison.Ordinal);
        Assert.Empty(sample.Recorder.All);
    }

    [Fact]
    public async Task A_runtime_expression_error_fails_the_activity_with_InvalidTemplate()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var result = await sample.RunAsync(Json.Pipeline($"[{PipelineSample.Script("Bad", "Query", "SELECT @{int('x')}")}]"));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        var run = sample.Recorder.Final("Bad");
        Assert.Equal("ExpressionInvalid", run.ErrorCode);
        Assert.StartsWith("InvalidTemplate: ", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_of_linked_services_never_reach_records_outputs_or_messages()
    {
        const string SecurePassword = "S3cure-Pa55-word!x";
        const string InlinePassword = "Inl1ne-Pa55-word!y";
        using var sample = new PipelineSample(fixture.Folder);
        sample.Resources
            .LinkedService("SqlSecure", Json.Resource($$$"""
                {"type": "SqlServer", "typeProperties": {"connectionString": "Server=127.0.0.1,1;Database=sl;User ID=cm;Connect Timeout=2;Connect Retry Count=0;Encrypt=false",
                 "password": {"type": "SecureString", "value": "{{{SecurePassword}}}"}} }
                """))
            .LinkedService("SqlInline", Json.Resource($$$"""
                {"type": "AzureSqlDatabase", "typeProperties": {"connectionString": {"type": "SecureString",
                 "value": "Server=127.0.0.1,1;Database=bc;User ID=cm;Password={{{InlinePassword}}};Connect Timeout=2;Connect Retry Count=0;Encrypt=false"}} }
                """))
            .Dataset("SecureDs", Json.TableDataset("SqlSecure", "Company"));
        var pipeline = Json.Pipeline("""
            [{"name": "Look", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource", "sqlReaderQuery": "SELECT 1 AS one"}, "dataset": {"referenceName": "SecureDs", "type": "DatasetReference"}}},
             {"name": "Proc", "type": "SqlServerStoredProcedure", "linkedServiceName": {"referenceName": "SqlInline", "type": "LinkedServiceReference"}, "typeProperties": {"storedProcedureName": "cm.noop"}},
             {"name": "Local", "type": "Script", "linkedServiceName": {"referenceName": "Bc", "type": "LinkedServiceReference"}, "typeProperties": {"scripts": [{"type": "Query", "text": "SELECT 1 AS one"}]}}]
            """);

        var result = await sample.RunAsync(pipeline);

        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.Equal(ActivityRunStatus.Failed, sample.Recorder.StatusOf("Look"));
        Assert.Equal(ActivityRunStatus.Failed, sample.Recorder.StatusOf("Proc"));
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.StatusOf("Local"));
        var everything = sample.Recorder.AllText() + "\n" + result.Message;
        Assert.Contains("127.0.0.1", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(SecurePassword, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(InlinePassword, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa55", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linked_service_parameters_choose_the_database()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var folder = sample.Copy.Folder.Replace("\\", "/", StringComparison.Ordinal);
        sample.Resources
            .LinkedService("SlAny", Json.Resource($$$"""
                {"type": "CloudMigrationSqlite", "parameters": {"DatabaseName": {"type": "String"}},
                 "typeProperties": {"path": {"value": "{{{Engine.Pipelines.Expressions.AdfExpression.EscapeLiteral(folder)}}}/@{linkedService().DatabaseName}.db", "type": "Expression"}} }
                """))
            .Dataset("SlAnyDs", Json.Resource("""
                {"type": "SqlServerTable", "parameters": {"Db": {"type": "String"}, "TableName": {"type": "String"}},
                 "linkedServiceName": {"referenceName": "SlAny", "type": "LinkedServiceReference", "parameters": {"DatabaseName": "@dataset().Db"}},
                 "typeProperties": {"table": "@dataset().TableName"}}
                """));
        var pipeline = Json.Pipeline("""
            [{"name": "System", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource"}, "dataset": {"referenceName": "SlAnyDs", "type": "DatasetReference", "parameters": {"Db": "SLSystem", "TableName": "Company"}}, "firstRowOnly": false}},
             {"name": "App", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource"}, "dataset": {"referenceName": "SlAnyDs", "type": "DatasetReference", "parameters": {"Db": "SLApp", "TableName": "Account"}}, "firstRowOnly": false}}]
            """);

        var result = await sample.RunAsync(pipeline);

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(sample.Scalar("SLSystem", "SELECT COUNT(*) FROM Company"), sample.Recorder.Final("System").Output!["count"]!.GetValue<int>());
        Assert.Equal(sample.Scalar("SLApp", "SELECT COUNT(*) FROM Account"), sample.Recorder.Final("App").Output!["count"]!.GetValue<int>());
    }
}
