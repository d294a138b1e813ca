using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class CopyActivityTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static string CopyActivity(string source, string sourceTable, string sink, string sinkTable, string sourceSettings, string sinkSettings, string extra = "") => $$$"""
        {"name": "CopyTable", "type": "Copy",
         "inputs": [{"referenceName": "{{{source}}}", "type": "DatasetReference", "parameters": {"TableName": "{{{sourceTable}}}"}}],
         "outputs": [{"referenceName": "{{{sink}}}", "type": "DatasetReference", "parameters": {"TableName": {{{JsonValue.Create(sinkTable).ToJsonString()}}}}}],
         "typeProperties": {"source": {{{sourceSettings}}}, "sink": {{{sinkSettings}}}{{{extra}}}}}
        """;

    /// <summary>The SL table's fields, plus the columns a BC staging table needs that SL has not: [timestamp] and the $system columns.</summary>
    private static string StagingQuery(SlTable table)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var fields = table.Fields.Select(f => q(f.Name));
        var system = new[]
        {
            "randomblob(8) AS \"timestamp\"", "lower(hex(randomblob(16))) AS \"$systemId\"", "'2024-01-01 00:00:00' AS \"$systemCreatedAt\"",
            "'00000000-0000-0000-0000-000000000000' AS \"$systemCreatedBy\"", "'2024-01-01 00:00:00' AS \"$systemModifiedAt\"",
            "'00000000-0000-0000-0000-000000000000' AS \"$systemModifiedBy\"",
        };
        return "SELECT " + string.Join(", ", fields.Concat(system)) + " FROM " + q(table.Name);
    }

    [Fact]
    public async Task An_sl_table_is_copied_into_its_bc_staging_table_in_batches()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var account = SlCatalog.Default.Tables.Single(t => t.Name == "Account");
        var staging = BcNaming.CompanyTable("0010", account.BcTable, SlCatalog.Default.App.Id);
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var sourceRows = sample.Scalar("SLApp", "SELECT COUNT(*) FROM Account");
        Assert.True(sourceRows > 3, "the copy must take more than one batch of 3");
        Assert.Equal(0, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {q(staging)}"));

        var source = $$$"""{"type": "SqlServerSource", "sqlReaderQuery": {{{JsonValue.Create(StagingQuery(account)).ToJsonString()}}}}""";
        var result = await sample.RunAsync(Json.Pipeline($"[{CopyActivity("SlAppDs", "Account", "BcDs", staging, source, """{"type": "AzureSqlSink", "writeBatchSize": 2}""")}]"));

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(sourceRows, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {q(staging)}"));
        Assert.Equal(
            sample.Text("SLApp", "SELECT group_concat(Acct, '|') FROM (SELECT Acct FROM Account ORDER BY Acct)"),
            sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT group_concat(Acct, '|') FROM (SELECT Acct FROM {q(staging)} ORDER BY Acct)"));
        var output = sample.Recorder.Final("CopyTable").Output!;
        Assert.Equal(sourceRows, output["rowsRead"]!.GetValue<long>());
        Assert.Equal(sourceRows, output["rowsCopied"]!.GetValue<long>());
        Assert.True(output["copyDuration"]!.GetValue<long>() >= 0);
        Assert.Equal("Insert", output["writeBehavior"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_updates_by_key_inserts_the_rest_and_is_repeatable()
    {
        using var sample = new PipelineSample(fixture.Folder);
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, """
            CREATE TABLE src (Id INTEGER NOT NULL, Name TEXT, Amount REAL);
            INSERT INTO src VALUES (1, 'one', 1.5), (2, 'two', 2.5), (3, 'three', 3.5);
            CREATE TABLE dst (Id INTEGER NOT NULL, Name TEXT, Amount REAL);
            INSERT INTO dst VALUES (2, 'old', 0), (9, 'keep', 9);
            """);
        var copy = CopyActivity("BcDs", "src", "BcDs", "dst", """{"type": "SqlServerSource"}""",
            """{"type": "AzureSqlSink", "writeBehavior": "upsert", "upsertSettings": {"useTempDB": true, "keys": ["Id"]}}""");

        for (var pass = 0; pass < 2; pass++)
        {
            var result = await sample.RunAsync(Json.Pipeline($"[{copy}]"));
            Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
            Assert.Equal(4, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM dst"));
            Assert.Equal("two", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, "SELECT Name FROM dst WHERE Id = 2"));
            Assert.Equal("keep", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, "SELECT Name FROM dst WHERE Id = 9"));
            Assert.Equal(3, sample.Recorder.Final("CopyTable").Output!["rowsCopied"]!.GetValue<long>());
        }

        // Insert, by contrast, adds the rows again.
        var insert = CopyActivity("BcDs", "src", "BcDs", "dst", """{"type": "SqlServerSource"}""", """{"type": "AzureSqlSink"}""");
        await sample.RunAsync(Json.Pipeline($"[{insert}]"));
        Assert.Equal(7, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM dst"));
    }

    [Fact]
    public async Task Upsert_without_keys_uses_the_primary_key()
    {
        using var sample = new PipelineSample(fixture.Folder);
        sample.Copy.Execute("SLApp", "CREATE TABLE src (A TEXT, B TEXT, V INTEGER); INSERT INTO src VALUES ('x', '1', 10), ('x', '2', 20);");
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, "CREATE TABLE dst (A TEXT, B TEXT, V INTEGER, PRIMARY KEY (A, B)); INSERT INTO dst VALUES ('x', '2', 0);");
        var copy = CopyActivity("SlAppDs", "src", "BcDs", "dst", """{"type": "SqlServerSource"}""", """{"type": "SqlServerSink", "writeBehavior": "Upsert"}""");
        var result = await sample.RunAsync(Json.Pipeline($"[{copy}]"));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(2, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM dst"));
        Assert.Equal(20, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT V FROM dst WHERE B = '2'"));
    }

    [Fact]
    public async Task The_pre_copy_script_runs_first_and_a_translator_renames_columns()
    {
        using var sample = new PipelineSample(fixture.Folder);
        sample.Copy.Execute("SLApp", "CREATE TABLE src (Code TEXT, Label TEXT); INSERT INTO src VALUES ('a', 'A'), ('b', 'B');");
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, "CREATE TABLE dst (Id TEXT, Name TEXT); INSERT INTO dst VALUES ('stale', 'S');");
        var copy = CopyActivity("SlAppDs", "src", "BcDs", "dst", """{"type": "SqlServerSource"}""",
            """{"type": "AzureSqlSink", "preCopyScript": "DELETE FROM dst WHERE Id = 'stale'"}""",
            """, "translator": {"type": "TabularTranslator", "mappings": [{"source": {"name": "Code"}, "sink": {"name": "Id"}}, {"source": {"name": "Label"}, "sink": {"name": "Name"}}]}""");
        var result = await sample.RunAsync(Json.Pipeline($"[{copy}]"));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal("a|b", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, "SELECT group_concat(Id, '|') FROM (SELECT Id FROM dst ORDER BY Id)"));
    }

    [Fact]
    public async Task A_SQLite_sink_refuses_text_longer_than_its_declared_length_as_SQL_Server_does_trailing_spaces_aside()
    {
        using var sample = new PipelineSample(fixture.Folder);
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, "CREATE TABLE narrow (Acct nvarchar(10) NOT NULL, Descr nvarchar(3) NULL);");
        Assert.True(sample.Scalar("SLApp", "SELECT COUNT(*) FROM Account WHERE length(rtrim(Descr)) > 3") > 0);

        var tooLong = CopyActivity("SlAppDs", "Account", "BcDs", "narrow", """{"type": "SqlServerSource", "sqlReaderQuery": "SELECT Acct, Descr FROM Account"}""", """{"type": "AzureSqlSink"}""");
        var failed = await sample.RunAsync(Json.Pipeline($"[{tooLong}]"));

        Assert.Equal(PipelineRunStatus.Failed, failed.Status);
        var activity = sample.Recorder.Final("CopyTable");
        Assert.Equal(Engine.Errors.ErrorIds.ValueTooLong, activity.ErrorCode);
        Assert.Matches(@"^String or binary data would be truncated in table 'narrow', column 'Descr': a value of \d+ characters does not fit nvarchar\(3\)\. Truncated value: '.+'\.$",
            activity.ErrorMessage);

        var padded = CopyActivity("SlAppDs", "Account", "BcDs", "narrow",
            """{"type": "SqlServerSource", "sqlReaderQuery": "SELECT Acct, substr(Descr, 1, 3) || '      ' AS Descr FROM Account"}""", """{"type": "AzureSqlSink"}""");
        var result = await sample.RunAsync(Json.Pipeline($"[{padded}]"));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
    }

    [Fact]
    public async Task A_missing_sink_table_fails_unless_auto_created()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var missing = CopyActivity("SlAppDs", "Account", "BcDs", "NewTable", """{"type": "SqlServerSource", "sqlReaderQuery": "SELECT Acct, Descr FROM Account"}""", """{"type": "AzureSqlSink"}""");
        var failed = await sample.RunAsync(Json.Pipeline($"[{missing}]"));
        Assert.Equal(PipelineRunStatus.Failed, failed.Status);
        Assert.Equal("SinkTableNotFound", sample.Recorder.Final("CopyTable").ErrorCode);

        var created = CopyActivity("SlAppDs", "Account", "BcDs", "NewTable", """{"type": "SqlServerSource", "sqlReaderQuery": "SELECT Acct, Descr FROM Account"}""",
            """{"type": "AzureSqlSink", "tableOption": "autoCreate"}""");
        var result = await sample.RunAsync(Json.Pipeline($"[{created}]"));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(sample.Scalar("SLApp", "SELECT COUNT(*) FROM Account"), sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM NewTable"));
        // SQLite reports the source column's declared type name (without its length): the new column keeps its text affinity.
        Assert.Equal("char", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, "SELECT type FROM pragma_table_info('NewTable') WHERE name = 'Acct'"));
    }

    [Fact]
    public async Task A_source_column_with_no_sink_column_fails_the_copy()
    {
        using var sample = new PipelineSample(fixture.Folder);
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, "CREATE TABLE dst (Acct TEXT);");
        var copy = CopyActivity("SlAppDs", "Account", "BcDs", "dst", """{"type": "SqlServerSource", "sqlReaderQuery": "SELECT Acct, Descr FROM Account"}""", """{"type": "AzureSqlSink"}""");
        var result = await sample.RunAsync(Json.Pipeline($"[{copy}]"));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        var run = sample.Recorder.Final("CopyTable");
        Assert.Equal("UserErrorInvalidColumnMappingColumnNotFound", run.ErrorCode);
        Assert.Contains("'Descr'", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM dst"));
    }
}
