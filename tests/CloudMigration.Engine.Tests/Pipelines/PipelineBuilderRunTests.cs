using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Sample;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>The built pipelines, run end to end by the embedded engine on the SQLite sample.</summary>
public sealed class PipelineBuilderRunTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static readonly Guid AppId = SlCatalog.Default.App.Id;

    /// <summary>Resources as setup would create them for the sample: linked services for the endpoints, and the two datasets.</summary>
    private static InMemoryResources Factory(PipelineSample sample)
    {
        var source = sample.Copy.Source;
        var destination = sample.Copy.Destination;
        return new InMemoryResources()
            .LinkedService("SlSource", AdfResources.LinkedServiceFor(source))
            .LinkedService("BcDestination", AdfResources.LinkedServiceFor(destination, parameterizeDatabase: false))
            .Dataset("SlTables", AdfResources.TableDataset("SlSource", source.Kind, databaseParameter: true))
            .Dataset("BcTables", AdfResources.TableDataset("BcDestination", destination.Kind, databaseParameter: false));
    }

    private static Task<PipelineRunResult> RunAsync(PipelineSample sample, InMemoryResources resources, JsonObject pipeline, RecordingRecorder recorder, string requestId) =>
        new PipelineRunner(new PipelineRunnerOptions { Procedures = sample.Procedures })
            .ExecuteAsync("run-" + requestId, pipeline, new JsonObject { ["RequestId"] = requestId }, resources, recorder, CancellationToken.None);

    private static JsonObject Preparation() => PreparationPipelineBuilder.Build(new PreparationPipelineOptions
    {
        SourceDataset = "SlTables",
        SourceLinkedService = "SlSource",
        SourceSystemDatabase = SampleEnvironmentBuilder.SystemDatabase,
        DestinationDataset = "BcTables",
        DestinationLinkedService = "BcDestination",
        SourceKind = EndpointKind.Sqlite,
        DestinationKind = EndpointKind.Sqlite,
    });

    private static JsonObject Replication(int batchCount = 4) => ReplicationPipelineBuilder.Build(new ReplicationPipelineOptions
    {
        SourceDataset = "SlTables",
        DestinationDataset = "BcTables",
        DestinationLinkedService = "BcDestination",
        SourceKind = EndpointKind.Sqlite,
        DestinationKind = EndpointKind.Sqlite,
        BatchCount = batchCount,
    });

    [Fact]
    public async Task The_preparation_pipeline_checks_creates_the_control_objects_and_collects_companies_and_extensions()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var resources = Factory(sample);
        var pipeline = Preparation();
        resources.Put(FactoryResourceKind.Pipeline, "Prepare", pipeline);
        var recorder = new RecordingRecorder();

        var result = await RunAsync(sample, resources, pipeline, recorder, "prep-1");

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(6, recorder.Ended.Count);
        Assert.All(recorder.Ended, r => Assert.Equal(ActivityRunStatus.Succeeded, r.Status));
        Assert.False(string.IsNullOrEmpty(recorder.Final(PreparationPipelineBuilder.CheckSource).Output!["firstRow"]!["ProductVersion"]!.GetValue<string>()));
        var companies = sample.Texts(SampleEnvironmentBuilder.DestinationDatabase, "SELECT CpnyID FROM cm_SourceCompany ORDER BY CpnyID").Select(c => c.TrimEnd());
        Assert.Equal(fixture.Sample.Companies.Order(StringComparer.Ordinal), companies);
        Assert.Equal(1, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM cm_DestinationExtension WHERE lower(AppId) = '{AppId:D}'"));
        Assert.Equal(companies.Count(), recorder.Final(PreparationPipelineBuilder.CollectCompanies).Output!["rowsCopied"]!.GetValue<long>());
        Assert.Equal("1", sample.Text(SampleEnvironmentBuilder.SystemDatabase, "SELECT Value FROM cm_Metadata WHERE Name = 'SourceObjectsVersion'"));
        Assert.Equal(0, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {ControlTable.SqliteName}"));

        // Preparing twice is harmless: the control objects are created only when missing, and the collected rows replace the earlier ones.
        var again = await RunAsync(sample, resources, pipeline, new RecordingRecorder(), "prep-2");
        Assert.Equal(PipelineRunStatus.Succeeded, again.Status);
        Assert.Equal(companies.Count(), sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM cm_SourceCompany"));
    }

    [Fact]
    public async Task The_replication_pipeline_copies_every_control_row_and_records_each_result()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var resources = Factory(sample);
        Assert.Equal(PipelineRunStatus.Succeeded, (await RunAsync(sample, resources, Preparation(), new RecordingRecorder(), "prep")).Status);

        var tables = new[] { "Account", "Batch", "GLSetup" }.Select(n => SlCatalog.Default.Tables.Single(t => t.Name == n)).ToArray();
        var rows = new List<string>();
        for (var i = 0; i < tables.Length; i++)
        {
            rows.Add(ControlRows.Insert(i + 1, "0010", tables[i], writeBehavior: i == 0 ? "Upsert" : "Insert"));
        }

        rows.Add(ControlRows.Insert(9, "0020", tables[0], writeBehavior: "Insert", sourceQuery: "SELECT * FROM NoSuchTable"));
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, string.Join("\n", rows));

        var pipeline = Replication();
        resources.Put(FactoryResourceKind.Pipeline, "Replicate", pipeline);
        var recorder = new RecordingRecorder();
        var result = await RunAsync(sample, resources, pipeline, recorder, "rep-1");

        // One bad row fails its iteration and the run, after the others were copied and every result recorded.
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.Contains("Inner activity name: CopyTable", result.Message, StringComparison.Ordinal);
        for (var i = 0; i < tables.Length; i++)
        {
            var staging = Quoted(BcNaming.CompanyTable("0010", tables[i].BcTable, AppId));
            var expected = sample.Scalar("SLApp", $"SELECT COUNT(*) FROM \"{tables[i].Name}\"" + (tables[i].HasCompanyColumn ? " WHERE rtrim(CpnyID) = '0010'" : string.Empty));
            Assert.True(expected > 0);
            Assert.Equal(expected, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {staging}"));
            Assert.Equal("Successful", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT LastStatus FROM {ControlTable.SqliteName} WHERE TableId = {i + 1}"));
            Assert.Equal(expected, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT LastRowsCopied FROM {ControlTable.SqliteName} WHERE TableId = {i + 1}"));
            Assert.Equal("rep-1", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT LastRequestId FROM {ControlTable.SqliteName} WHERE TableId = {i + 1}"));
        }

        Assert.Equal("Failed", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT LastStatus FROM {ControlTable.SqliteName} WHERE TableId = 9"));
        Assert.Contains("no such table", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT LastError FROM {ControlTable.SqliteName} WHERE TableId = 9"), StringComparison.Ordinal);
        Assert.Equal(4, recorder.Ended.Count(r => r.ActivityName == ReplicationPipelineBuilder.CopyTable));

        // A second run after fixing the row copies the same rows again, without duplicates (the pre-copy script empties the company's rows).
        sample.Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, $"UPDATE {ControlTable.SqliteName} SET Enabled = 0 WHERE TableId = 9;");
        var second = await RunAsync(sample, resources, pipeline, new RecordingRecorder(), "rep-2");
        Assert.True(second.Status == PipelineRunStatus.Succeeded, second.Message);
        var account = Quoted(BcNaming.CompanyTable("0010", tables[0].BcTable, AppId));
        Assert.Equal(sample.Scalar("SLApp", "SELECT COUNT(*) FROM Account"), sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {account}"));
        Assert.Equal("rep-2", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT LastRequestId FROM {ControlTable.SqliteName} WHERE TableId = 1"));
    }

    [Fact]
    public async Task The_control_table_query_returns_the_columns_sql_server_declares()
    {
        using var sample = new PipelineSample(fixture.Folder);
        Assert.Equal(PipelineRunStatus.Succeeded, (await RunAsync(sample, Factory(sample), Preparation(), new RecordingRecorder(), "prep")).Status);

        var parser = new TSql160Parser(true);
        using var reader = new StringReader(SqlServerDialect.Instance.Script(ControlTable.SelectScript));
        var script = Assert.IsType<TSqlScript>(parser.Parse(reader, out var errors));
        Assert.Empty(errors);
        var select = (QuerySpecification)((SelectStatement)script.Batches.Single().Statements.Single()).QueryExpression;
        var expected = select.SelectElements.Cast<SelectScalarExpression>()
            .Select(e => ((ColumnReferenceExpression)e.Expression).MultiPartIdentifier.Identifiers[^1].Value).ToArray();

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sample.BcPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteDialect.Instance.Script(ControlTable.SelectScript);
        await using var rows = await command.ExecuteReaderAsync();
        Assert.Equal(expected, Enumerable.Range(0, rows.FieldCount).Select(rows.GetName));
        Assert.Equal(10, expected.Length);
    }

    private static string Quoted(string name) => SqliteDialect.Instance.QuoteIdentifier(name);
}
