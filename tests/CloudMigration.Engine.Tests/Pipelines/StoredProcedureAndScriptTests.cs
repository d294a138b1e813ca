using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class StoredProcedureAndScriptTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task A_registered_procedure_gets_typed_evaluated_parameters_and_an_open_connection()
    {
        using var sample = new PipelineSample(fixture.Folder);
        SqliteProcedureContext? seen = null;
        long companies = 0;
        sample.Procedures.Register("[test].[Inspect]", async (context, cancellationToken) =>
        {
            seen = context;
            await using var command = context.Connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Company";
            companies = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new SqliteProcedureResult { Output = new JsonObject { ["checked"] = true } };
        });
        var parameters = """{"RequestId": {"value": "@pipeline().parameters.RequestId", "type": "String"}, "Limit": {"value": "@add(2, 3)", "type": "Int"}, "Missing": {"value": null, "type": "String"}}""";
        var pipeline = Json.Pipeline($"[{PipelineSample.Procedure("Inspect", "test.inspect", parameters)}]", """{"RequestId": {"type": "String"}}""");

        var result = await sample.RunAsync(pipeline, Json.Parse("""{"RequestId": "req-42"}"""));

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.NotNull(seen);
        Assert.Equal("test.inspect", seen.ProcedureName);
        Assert.Equal("req-42", seen.GetString("requestid"));
        Assert.Equal(5, seen.Parameters["Limit"]!.GetValue<long>());
        Assert.Null(seen.GetString("Missing"));
        Assert.Equal("Inspect", seen.ActivityName);
        Assert.Null(seen.Iteration);
        Assert.Equal(sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM Company"), companies);
        var run = sample.Recorder.Final("Inspect");
        Assert.True(run.Output!["checked"]!.GetValue<bool>());
        Assert.Equal("req-42", run.Input!["storedProcedureParameters"]!["RequestId"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_noop_procedure_exists_and_an_unknown_one_fails_naming_the_known_ones()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var ok = await sample.RunAsync(Json.Pipeline($"[{PipelineSample.Procedure("Noop", "[cm].[noop]")}]"));
        Assert.Equal(PipelineRunStatus.Succeeded, ok.Status);
        Assert.Empty(sample.Recorder.Final("Noop").Output!.AsObject());

        var missing = await sample.RunAsync(Json.Pipeline($"[{PipelineSample.Procedure("Nope", "cm.DoesNotExist")}]"));
        Assert.Equal(PipelineRunStatus.Failed, missing.Status);
        var run = sample.Recorder.Final("Nope");
        Assert.Equal("StoredProcedureNotFound", run.ErrorCode);
        Assert.Contains("cm.noop", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_procedure_that_throws_fails_its_activity_with_the_message()
    {
        using var sample = new PipelineSample(fixture.Folder);
        sample.Procedures.Register("test.throw", (_, _) => throw new InvalidOperationException("the procedure refused"));
        var result = await sample.RunAsync(Json.Pipeline($"[{PipelineSample.Procedure("Throw", "test.throw")}]"));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        var run = sample.Recorder.Final("Throw");
        Assert.Equal("InternalError", run.ErrorCode);
        Assert.Contains("the procedure refused", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_can_read_a_registered_procedure()
    {
        using var sample = new PipelineSample(fixture.Folder);
        sample.Procedures.Register("test.rows", (context, _) => Task.FromResult(new SqliteProcedureResult
        {
            Rows = Enumerable.Range(1, int.Parse(context.GetString("n")!, System.Globalization.CultureInfo.InvariantCulture))
                .Select(i => new JsonObject { ["i"] = i, ["name"] = "row" + i }).ToArray(),
        }));
        var pipeline = Json.Pipeline("""
            [{"name": "Look", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource", "sqlReaderStoredProcedureName": "test.rows",
              "storedProcedureParameters": {"n": {"value": "3", "type": "Int"}}}, "dataset": {"referenceName": "BcDs", "type": "DatasetReference"}, "firstRowOnly": false}}]
            """);
        var result = await sample.RunAsync(pipeline);
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        var output = sample.Recorder.Final("Look").Output!;
        Assert.Equal(3, output["count"]!.GetValue<int>());
        Assert.Equal("row3", output["value"]![2]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Script_runs_non_queries_and_queries_in_order_on_one_connection()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline("""
            [{"name": "Prepare", "type": "Script", "linkedServiceName": {"referenceName": "Bc", "type": "LinkedServiceReference"},
              "typeProperties": {"scripts": [
                {"type": "NonQuery", "text": "CREATE TABLE scratch (id INTEGER, note TEXT); INSERT INTO scratch VALUES (1, 'a'), (2, 'b');"},
                {"type": "NonQuery", "text": "UPDATE scratch SET note = @note WHERE id = @id", "parameters": [{"name": "note", "type": "String", "value": "@pipeline().RunId"}, {"name": "id", "type": "Int32", "value": "2"}]},
                {"type": "Query", "text": "SELECT id, note FROM scratch ORDER BY id; SELECT COUNT(*) AS n FROM scratch;"}]}}]
            """);
        var result = await sample.RunAsync(pipeline);

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        var output = sample.Recorder.Final("Prepare").Output!;
        Assert.Equal(2, output["resultSetCount"]!.GetValue<int>());
        Assert.Equal(3, output["recordsAffected"]!.GetValue<long>());
        Assert.Equal(2, output["resultSets"]![0]!["rowCount"]!.GetValue<int>());
        Assert.StartsWith("run-", output["resultSets"]![0]!["rows"]![1]!["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, output["resultSets"]![1]!["rows"]![0]!["n"]!.GetValue<long>());
        Assert.False(output["outputTruncated"]!.GetValue<bool>());
        Assert.Equal(2, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM scratch"));
    }

    [Fact]
    public async Task Script_output_past_the_limits_is_truncated_not_failed()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var result = await sample.RunAsync(Json.Pipeline($"[{PipelineSample.Script("Many", "Query", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5003) SELECT i FROM n")}]"));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        var output = sample.Recorder.Final("Many").Output!;
        Assert.True(output["outputTruncated"]!.GetValue<bool>());
        Assert.Equal(5003, output["resultSets"]![0]!["rowCount"]!.GetValue<int>());
        Assert.Equal(5000, output["resultSets"]![0]!["rows"]!.AsArray().Count);
    }
}
