using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class LookupActivityTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static JsonObject LookupPipeline(string dataset, string? query, bool firstRowOnly, string? datasetParameters = null)
    {
        var source = query is null ? """{"type": "SqlServerSource"}""" : $$$"""{"type": "SqlServerSource", "sqlReaderQuery": {{{JsonValue.Create(query).ToJsonString()}}}}""";
        var parameters = datasetParameters is null ? string.Empty : $", \"parameters\": {datasetParameters}";
        return Json.Pipeline($$$"""
            [{"name": "Look", "type": "Lookup", "typeProperties": {"source": {{{source}}},
              "dataset": {"referenceName": "{{{dataset}}}", "type": "DatasetReference"{{{parameters}}}}, "firstRowOnly": {{{(firstRowOnly ? "true" : "false")}}}}}]
            """);
    }

    [Fact]
    public async Task All_rows_come_back_as_count_and_value()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var result = await sample.RunAsync(LookupPipeline("SlSystemDs", "SELECT CpnyID, Active FROM Company ORDER BY CpnyID", firstRowOnly: false));

        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
        var output = sample.Recorder.Final("Look").Output!;
        var expected = fixture.Sample.Companies.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Length, output["count"]!.GetValue<int>());
        Assert.Equal(expected, output["value"]!.AsArray().Select(r => r!["CpnyID"]!.GetValue<string>().TrimEnd()));
        Assert.Equal(1, output["value"]![0]!["Active"]!.GetValue<long>());
    }

    [Fact]
    public async Task First_row_only_by_default_and_the_dataset_table_when_there_is_no_query()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = LookupPipeline("SlSystemDs", null, firstRowOnly: true);
        pipeline["properties"]!["activities"]![0]!["typeProperties"]!.AsObject().Remove("firstRowOnly");
        var result = await sample.RunAsync(pipeline);

        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
        var firstRow = Assert.IsType<JsonObject>(sample.Recorder.Final("Look").Output!["firstRow"]);
        Assert.True(firstRow.ContainsKey("CpnyName"));
        Assert.True(firstRow.ContainsKey("tstamp"));
    }

    [Fact]
    public async Task An_empty_result_with_first_row_only_has_no_firstRow()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var result = await sample.RunAsync(LookupPipeline("SlSystemDs", "SELECT * FROM Company WHERE 1 = 0", firstRowOnly: true));
        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
        Assert.Empty(sample.Recorder.Final("Look").Output!.AsObject());
    }

    [Fact]
    public async Task A_dataset_parameter_names_the_table()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var rows = sample.Scalar("SLApp", "SELECT COUNT(*) FROM Account");
        var result = await sample.RunAsync(LookupPipeline("SlAppDs", null, firstRowOnly: false, """{"TableName": "Account"}"""));
        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
        Assert.Equal(rows, sample.Recorder.Final("Look").Output!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Five_thousand_rows_are_the_most_a_lookup_returns()
    {
        using var sample = new PipelineSample(fixture.Folder);
        const string Rows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0}) SELECT i FROM n";

        var atLimit = await sample.RunAsync(LookupPipeline("SlSystemDs", string.Format(System.Globalization.CultureInfo.InvariantCulture, Rows, 5000), firstRowOnly: false));
        Assert.Equal(PipelineRunStatus.Succeeded, atLimit.Status);
        Assert.Equal(5000, sample.Recorder.Final("Look").Output!["count"]!.GetValue<int>());

        var over = await sample.RunAsync(LookupPipeline("SlSystemDs", string.Format(System.Globalization.CultureInfo.InvariantCulture, Rows, 5001), firstRowOnly: false));
        Assert.Equal(PipelineRunStatus.Failed, over.Status);
        var run = sample.Recorder.Final("Look");
        Assert.Equal(ActivityRunStatus.Failed, run.Status);
        Assert.Equal("LookupRowLimitExceeded", run.ErrorCode);
        Assert.Contains("5,000 rows", run.ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("Operation on target Look failed: ", over.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Four_megabytes_are_the_most_a_lookup_returns()
    {
        using var sample = new PipelineSample(fixture.Folder);
        // Five rows of a million characters each: about 5 MB of output.
        const string Big = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i, hex(zeroblob(500000)) AS big FROM n";
        var result = await sample.RunAsync(LookupPipeline("SlSystemDs", Big, firstRowOnly: false));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.Equal("LookupSizeLimitExceeded", sample.Recorder.Final("Look").ErrorCode);

        var small = await sample.RunAsync(LookupPipeline("SlSystemDs", Big.Replace("i < 5", "i < 3", StringComparison.Ordinal), firstRowOnly: false));
        Assert.Equal(PipelineRunStatus.Succeeded, small.Status);
    }
}
