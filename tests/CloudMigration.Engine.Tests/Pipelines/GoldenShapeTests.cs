using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Pipelines.Execution.Sinks;
using CloudMigration.Engine.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>The JSON the builders produce has the shapes of the ADF REST spec (see AdfSpecShapes), and the T-SQL in it parses.</summary>
public sealed class GoldenShapeTests
{
    private static readonly AdfShapeChecker Checker = new();

    public static TheoryData<EndpointKind, EndpointKind> Kinds => new()
    {
        { EndpointKind.SqlServer, EndpointKind.AzureSql },
        { EndpointKind.AzureSql, EndpointKind.AzureSql },
        { EndpointKind.Sqlite, EndpointKind.Sqlite },
    };

    private static JsonObject Preparation(EndpointKind source, EndpointKind destination) => PreparationPipelineBuilder.Build(new PreparationPipelineOptions
    {
        SourceDataset = "SlTables", SourceLinkedService = "SlSource", SourceSystemDatabase = "SLSystem", DestinationDataset = "BcTables", DestinationLinkedService = "BcDestination",
        SourceKind = source, DestinationKind = destination,
    });

    private static JsonObject Replication(EndpointKind source, EndpointKind destination) => ReplicationPipelineBuilder.Build(new ReplicationPipelineOptions
    {
        SourceDataset = "SlTables", DestinationDataset = "BcTables", DestinationLinkedService = "BcDestination", SourceKind = source, DestinationKind = destination,
    });

    private static void AssertShape(JsonNode json, string definition)
    {
        var problems = Checker.Check(json, definition);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_preparation_pipeline_has_the_spec_shape_and_passes_the_validator(EndpointKind source, EndpointKind destination)
    {
        var pipeline = Preparation(source, destination);
        AssertShape(pipeline, "PipelineResource");
        ResourceValidator.Validate(FactoryResourceKind.Pipeline, "Prepare", pipeline, (_, _) => true);
        Assert.Equal(["CheckSource", "CheckDestination", "CreateControlObjects", "CreateSourceObjects", "CollectCompanies", "CollectExtensions"],
            pipeline["properties"]!["activities"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_replication_pipeline_has_the_spec_shape_and_passes_the_validator(EndpointKind source, EndpointKind destination)
    {
        var pipeline = Replication(source, destination);
        AssertShape(pipeline, "PipelineResource");
        ResourceValidator.Validate(FactoryResourceKind.Pipeline, "Replicate", pipeline, (_, _) => true);
        var definition = PipelineDefinition.From(pipeline);
        Assert.Equal(["LookupTables", "ForEachTable"], definition.Activities.Select(a => a.Name));
        Assert.Equal(["CopyTable", "ApplyTable", "RecordFailed", "RecordApplyFailed"], definition.Activities[1].Activities.Select(a => a.Name));
        Assert.True(definition.AllActivities.Count() <= PipelineLimits.MaxActivities);
        var copy = definition.Activities[1].Activities[0].TypeProperties;
        Assert.Equal(destination == EndpointKind.AzureSql ? "AzureSqlSink" : "SqlServerSink", copy["sink"]!["type"]!.GetValue<string>());
        Assert.Equal(source == EndpointKind.AzureSql ? "AzureSqlSource" : "SqlServerSource", copy["source"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Datasets_and_linked_services_have_the_spec_shapes()
    {
        AssertShape(AdfResources.TableDataset("SlSource", EndpointKind.SqlServer, databaseParameter: true), "DatasetResource");
        AssertShape(AdfResources.TableDataset("BcDestination", EndpointKind.AzureSql, databaseParameter: false), "DatasetResource");

        var sqlServer = AdfResources.LinkedServiceFor(CmEndpoint.Parse("Server=sql01;Database=SLSystem;User ID=cm;Password=Secret-123;Encrypt=false"), "cm-ir-01");
        AssertShape(sqlServer, "LinkedServiceResource");
        Assert.Equal("SqlServer", sqlServer["properties"]!["type"]!.GetValue<string>());
        Assert.Equal("cm-ir-01", sqlServer["properties"]!["connectVia"]!["referenceName"]!.GetValue<string>());
        Assert.Equal("Secret-123", sqlServer["properties"]!["typeProperties"]!["password"]!["value"]!.GetValue<string>());
        var connection = sqlServer["properties"]!["typeProperties"]!["connectionString"]!.GetValue<string>();
        Assert.DoesNotContain("Secret-123", connection, StringComparison.Ordinal);
        Assert.Contains("Initial Catalog=@{linkedService().DatabaseName}", connection, StringComparison.Ordinal);

        var azure = AdfResources.LinkedServiceFor(CmEndpoint.Parse("Server=tcp:bc.database.windows.net;Database=tenant;User ID=cm@bc;Password=Secret-456"), parameterizeDatabase: false);
        AssertShape(azure, "LinkedServiceResource");
        Assert.Equal("AzureSqlDatabase", azure["properties"]!["type"]!.GetValue<string>());
        Assert.Null(azure["properties"]!["connectVia"]);
        Assert.Equal("SecureString", azure["properties"]!["typeProperties"]!["connectionString"]!["type"]!.GetValue<string>());

        foreach (var (name, json) in new[] { ("SlSource", sqlServer), ("BcDestination", azure) })
        {
            ResourceValidator.Validate(FactoryResourceKind.LinkedService, name, json, (_, _) => true, runtime => runtime == "cm-ir-01");
        }
    }

    [Fact]
    public void The_checker_catches_what_the_spec_does_not_allow()
    {
        var pipeline = Replication(EndpointKind.SqlServer, EndpointKind.AzureSql);
        var copy = pipeline["properties"]!["activities"]![1]!["typeProperties"]!["activities"]![0]!.AsObject();
        copy["typeProperties"]!["sink"]!["upsertSettings"]!["key"] = new JsonArray("Id");
        copy["typeProperties"]!.AsObject().Remove("source");
        pipeline["properties"]!["activities"]![1]!["typeProperties"]!["batchCount"] = "20";
        pipeline["properties"]!["activities"]![1]!["dependsOn"]![0]!["dependencyConditions"] = new JsonArray("Done");
        pipeline["properties"]!["activities"]![0]!["type"] = "Lookups";

        var problems = Checker.Check(pipeline, "PipelineResource");

        Assert.Contains(problems, p => p.Contains("'key' is not a member of SqlUpsertSettings", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the required member 'source' of CopyActivityTypeProperties is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("batchCount: expected integer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"Done\" is not one of Succeeded, Failed, Skipped, Completed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Lookups' is not a type of Activity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(130)]
    [InlineData(160)]
    public void The_t_sql_in_the_sql_server_pipelines_and_the_sink_parses(int version)
    {
        var texts = new List<(string Name, string Text)>();
        foreach (var pipeline in new[] { Preparation(EndpointKind.SqlServer, EndpointKind.AzureSql), Replication(EndpointKind.SqlServer, EndpointKind.AzureSql) })
        {
            foreach (var activity in PipelineDefinition.From(pipeline).AllActivities)
            {
                if (activity.TypeProperties["source"]?["sqlReaderQuery"] is JsonValue query && !query.GetValue<string>().StartsWith('@'))
                {
                    texts.Add((activity.Name, query.GetValue<string>()));
                }

                foreach (var block in activity.TypeProperties["scripts"]?.AsArray() ?? [])
                {
                    texts.Add((activity.Name, block!["text"]!.GetValue<string>()));
                }
            }
        }

        texts.Add(("SinkColumns", SqlServerSinkSql.Columns));
        texts.Add(("CreateInterim", SqlServerSinkSql.CreateInterim("[dbo].[0010$SL Account$237981b4-9e3c-437c-9b92-988aae978e8f]", ["Acct", "Descr]x"])));
        texts.Add(("Merge", SqlServerSinkSql.Merge("[dbo].[t]", ["Id", "Name", "A'b"], ["Id"])));
        texts.Add(("MergeKeysOnly", SqlServerSinkSql.Merge("[dbo].[t]", ["A", "B"], ["A", "B"])));
        texts.Add(("Truncate", SqlServerSinkSql.Truncate));
        Assert.Equal(11 + 5, texts.Count);

        TSqlParser parser = version == 130 ? new TSql130Parser(true) : new TSql160Parser(true);
        foreach (var (name, text) in texts)
        {
            using var reader = new StringReader(text);
            parser.Parse(reader, out var errors);
            Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors.Select(e => e.Message))}\n{text}");
        }

        Assert.Equal("[dbo].[cm]", SqlServerDialect.Instance.QuoteIdentifier("dbo") + "." + SqlServerDialect.Instance.QuoteIdentifier("cm"));
    }
}
