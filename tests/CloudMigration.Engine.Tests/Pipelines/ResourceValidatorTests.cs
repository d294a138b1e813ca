using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Tests.Discovery;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class ResourceValidatorTests
{
    private static readonly HashSet<(FactoryResourceKind, string)> Existing =
    [
        (FactoryResourceKind.LinkedService, "SourceLs"), (FactoryResourceKind.LinkedService, "DestinationLs"),
        (FactoryResourceKind.Dataset, "SourceDs"), (FactoryResourceKind.Dataset, "DestinationDs"),
    ];

    private const string Lookup = """
        {"name": "LookupTables", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource", "sqlReaderQuery": "SELECT 1 AS x"},
         "dataset": {"referenceName": "SourceDs", "type": "DatasetReference"}, "firstRowOnly": false}}
        """;

    private const string ForEach = """
        {"name": "EachTable", "type": "ForEach", "dependsOn": [{"activity": "LookupTables", "dependencyConditions": ["Succeeded"]}],
         "typeProperties": {"items": {"value": "@activity('LookupTables').output.value", "type": "Expression"}, "batchCount": 4,
           "activities": [
             {"name": "CopyTable", "type": "Copy",
              "inputs": [{"referenceName": "SourceDs", "type": "DatasetReference"}], "outputs": [{"referenceName": "DestinationDs", "type": "DatasetReference"}],
              "typeProperties": {"source": {"type": "SqlServerSource", "sqlReaderQuery": "@item().query"}, "sink": {"type": "AzureSqlSink", "writeBehavior": "upsert", "upsertSettings": {"keys": ["Id"]}}}},
             {"name": "Record", "type": "SqlServerStoredProcedure", "dependsOn": [{"activity": "CopyTable", "dependencyConditions": ["Completed"]}],
              "linkedServiceName": {"referenceName": "DestinationLs", "type": "LinkedServiceReference"},
              "typeProperties": {"storedProcedureName": "cm.noop", "storedProcedureParameters": {"Rows": {"value": "@activity('CopyTable').output.rowsCopied", "type": "Int64"}}}}]}}
        """;

    private const string Script = """
        {"name": "Prepare", "type": "Script", "linkedServiceName": {"referenceName": "DestinationLs", "type": "LinkedServiceReference"},
         "typeProperties": {"scripts": [{"type": "NonQuery", "text": "CREATE TABLE t (a int)"}, {"type": "Query", "text": "SELECT @{pipeline().RunId} AS r"}]}}
        """;

    private static JsonObject ValidPipeline() => Json.Pipeline($"[{Lookup}, {ForEach}, {Script}]", """{"RequestId": {"type": "String", "defaultValue": ""}}""");

    private static bool Exists(FactoryResourceKind kind, string name) => Existing.Contains((kind, name));

    private static CmException Refuse(FactoryResourceKind kind, JsonObject json, string path, string fragment, string errorId = ErrorIds.PipelineInvalid,
        CmErrorCategory category = CmErrorCategory.InvalidData, Func<string, bool>? runtimeExists = null)
    {
        var ex = Assert.Throws<CmException>(() => ResourceValidator.Validate(kind, "Resource1", json, Exists, runtimeExists));
        CmAssert.Error(ex, errorId, category);
        Assert.StartsWith(errorId == ErrorIds.ExpressionInvalid ? "InvalidTemplate: " : "BadRequest: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"(at '{path}')", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.TargetObject);
        return ex;
    }

    /// <summary>Edits one activity of the valid pipeline (by path from properties.activities) and expects a refusal at that path.</summary>
    private static CmException RefusePipeline(Action<JsonObject> edit, string path, string fragment, string errorId = ErrorIds.PipelineInvalid,
        CmErrorCategory category = CmErrorCategory.InvalidData)
    {
        var json = ValidPipeline();
        edit(json["properties"]!.AsObject());
        return Refuse(FactoryResourceKind.Pipeline, json, path, fragment, errorId, category);
    }

    private static JsonObject Activity(JsonObject properties, int index) => properties["activities"]![index]!.AsObject();

    private static JsonObject Inner(JsonObject properties, int index) => Activity(properties, 1)["typeProperties"]!["activities"]![index]!.AsObject();

    [Fact]
    public void A_valid_pipeline_dataset_and_linked_service_pass()
    {
        ResourceValidator.Validate(FactoryResourceKind.Pipeline, "Replicate", ValidPipeline(), Exists);
        ResourceValidator.Validate(FactoryResourceKind.Dataset, "SourceDs", Json.Resource("""
            {"type": "AzureSqlTable", "linkedServiceName": {"referenceName": "SourceLs", "type": "LinkedServiceReference", "parameters": {"Db": "@dataset().Db"}},
             "parameters": {"Db": {"type": "String"}, "Table": {"type": "String", "defaultValue": "x"}},
             "typeProperties": {"schema": "dbo", "table": {"value": "@dataset().Table", "type": "Expression"}}}
            """), Exists);
        ResourceValidator.Validate(FactoryResourceKind.LinkedService, "SourceLs", Json.Resource("""
            {"type": "SqlServer", "connectVia": {"referenceName": "cm-ir-01", "type": "IntegrationRuntimeReference"},
             "parameters": {"Db": {"type": "String"}},
             "typeProperties": {"connectionString": "Server=sql1;Initial Catalog=@{linkedService().Db};User ID=cm", "password": {"type": "SecureString", "value": "x"}}}
            """), Exists, name => name == "cm-ir-01");
        ResourceValidator.Validate(FactoryResourceKind.LinkedService, "LocalLs", Json.SqliteLinkedService("/tmp/x.db"), Exists);
    }

    [Fact]
    public void Resource_names_and_the_properties_object_are_required()
    {
        var name = Assert.Throws<CmException>(() => ResourceValidator.Validate(FactoryResourceKind.Pipeline, "1-bad", ValidPipeline(), Exists));
        CmAssert.Error(name, ErrorIds.ResourceNameInvalid, CmErrorCategory.InvalidArgument);
        var noProperties = Assert.Throws<CmException>(() => ResourceValidator.Validate(FactoryResourceKind.Pipeline, "P", Json.Parse("""{"activities": []}"""), Exists));
        CmAssert.Error(noProperties, ErrorIds.PipelineInvalid, CmErrorCategory.InvalidData);
        Assert.StartsWith("BadRequest: ", noProperties.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_activity_type() =>
        RefusePipeline(p => Activity(p, 2)["type"] = "Wait", "properties.activities[2].type", "the activity type 'Wait' is not supported");

    [Fact]
    public void Missing_activity_name() =>
        RefusePipeline(p => Activity(p, 0).Remove("name"), "properties.activities[0].name", "the required property 'name' is missing");

    [Fact]
    public void Activity_names_follow_adf_rules() =>
        RefusePipeline(p => Activity(p, 2)["name"] = "Prepare.Tables", "properties.activities[2].name", "is not a valid activity name");

    [Fact]
    public void Duplicate_activity_names_across_containers() =>
        RefusePipeline(p => Inner(p, 1)["name"] = "lookuptables", "properties.activities[1].typeProperties.activities[1].name", "is used more than once");

    [Fact]
    public void Dependency_on_an_unknown_activity() =>
        RefusePipeline(p => Activity(p, 1)["dependsOn"]![0]!["activity"] = "Nowhere", "properties.activities[1].dependsOn[0].activity", "depends on 'Nowhere'");

    [Fact]
    public void Dependency_into_another_container_is_unknown() =>
        RefusePipeline(p => Activity(p, 2)["dependsOn"] = JsonNode.Parse("""[{"activity": "CopyTable", "dependencyConditions": ["Succeeded"]}]"""),
            "properties.activities[2].dependsOn[0].activity", "which is not an activity of the same pipeline's top level");

    [Fact]
    public void Dependency_on_itself() =>
        RefusePipeline(p => Activity(p, 0)["dependsOn"] = JsonNode.Parse("""[{"activity": "LookupTables", "dependencyConditions": ["Failed"]}]"""),
            "properties.activities[0].dependsOn[0].activity", "depends on itself");

    [Fact]
    public void Dependency_cycles()
    {
        var ex = RefusePipeline(p =>
        {
            Activity(p, 0)["dependsOn"] = JsonNode.Parse("""[{"activity": "Prepare", "dependencyConditions": ["Succeeded"]}]""");
            Activity(p, 2)["dependsOn"] = JsonNode.Parse("""[{"activity": "EachTable", "dependencyConditions": ["Succeeded"]}]""");
        }, "properties.activities[1].dependsOn", "form a cycle");
        Assert.Contains("LookupTables -> Prepare -> EachTable -> LookupTables", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Done\"")]
    [InlineData("\"1\"")]
    [InlineData("3")]
    public void Dependency_conditions_are_adf_values(string condition) =>
        RefusePipeline(p => Activity(p, 1)["dependsOn"]![0]!["dependencyConditions"] = JsonNode.Parse($"[{condition}]"),
            "properties.activities[1].dependsOn[0].dependencyConditions[0]", "is not a dependency condition");

    [Fact]
    public void Empty_dependency_conditions() =>
        RefusePipeline(p => Activity(p, 1)["dependsOn"]![0]!["dependencyConditions"] = new JsonArray(),
            "properties.activities[1].dependsOn[0].dependencyConditions", "needs at least one condition");

    [Fact]
    public void Nested_ForEach() =>
        RefusePipeline(p => p["activities"]![1]!["typeProperties"]!["activities"]!.AsArray().Add(JsonNode.Parse("""
            {"name": "Inner", "type": "ForEach", "typeProperties": {"items": {"value": "@item().x", "type": "Expression"}, "activities": [{"name": "X", "type": "Script",
             "linkedServiceName": {"referenceName": "DestinationLs", "type": "LinkedServiceReference"}, "typeProperties": {"scripts": [{"type": "Query", "text": "SELECT 1"}]}}]}}
            """)), "properties.activities[1].typeProperties.activities[2].type", "ForEach activities cannot be nested");

    [Theory]
    [InlineData("51", "'batchCount' is 51")]
    [InlineData("0", "'batchCount' is 0")]
    [InlineData("\"10\"", "'batchCount' must be an integer")]
    public void BatchCount_is_1_to_50(string value, string fragment) =>
        RefusePipeline(p => Activity(p, 1)["typeProperties"]!["batchCount"] = JsonNode.Parse(value), "properties.activities[1].typeProperties.batchCount", fragment);

    [Fact]
    public void ForEach_items_is_an_expression_object() =>
        RefusePipeline(p => Activity(p, 1)["typeProperties"]!["items"] = "@activity('LookupTables').output.value",
            "properties.activities[1].typeProperties.items", "'items' must be an expression object");

    [Fact]
    public void More_than_40_activities()
    {
        var activities = string.Join(",", Enumerable.Range(1, 41).Select(i =>
            $$$"""{"name": "S{{{i}}}", "type": "Script", "linkedServiceName": {"referenceName": "DestinationLs", "type": "LinkedServiceReference"}, "typeProperties": {"scripts": [{"type": "Query", "text": "SELECT 1"}]}}"""));
        Refuse(FactoryResourceKind.Pipeline, Json.Pipeline($"[{activities}]"), "properties.activities", "the pipeline has 41 activities");
    }

    [Fact]
    public void Inner_activities_count_towards_the_limit()
    {
        var inner = string.Join(",", Enumerable.Range(1, 39).Select(i =>
            $$$"""{"name": "S{{{i}}}", "type": "Script", "linkedServiceName": {"referenceName": "DestinationLs", "type": "LinkedServiceReference"}, "typeProperties": {"scripts": [{"type": "Query", "text": "SELECT 1"}]}}"""));
        var json = Json.Pipeline($$$"""[{{{Lookup}}}, {"name": "Each", "type": "ForEach", "typeProperties": {"items": {"value": "@createArray(1)", "type": "Expression"}, "activities": [{{{inner}}}]}}]""");
        Refuse(FactoryResourceKind.Pipeline, json, "properties.activities", "the pipeline has 41 activities");
    }

    [Fact]
    public void More_than_50_parameters()
    {
        var parameters = "{" + string.Join(",", Enumerable.Range(1, 51).Select(i => $"\"p{i}\": {{\"type\": \"String\"}}")) + "}";
        Refuse(FactoryResourceKind.Pipeline, Json.Pipeline($"[{Lookup}]", parameters), "properties.parameters", "there are 51 parameters");
    }

    [Fact]
    public void Parameter_types_are_adf_types() =>
        RefusePipeline(p => p["parameters"]!["RequestId"]!["type"] = "Text", "properties.parameters.RequestId.type", "'Text' is not a parameter type");

    [Fact]
    public void Pipeline_json_over_200_KB()
    {
        var json = ValidPipeline();
        json["properties"]!["description"] = new string('x', 205_000);
        var ex = Refuse(FactoryResourceKind.Pipeline, json, "properties", "at most 204,800 (200 KB)");
        Assert.Contains("bytes of JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_needs_activities() =>
        Refuse(FactoryResourceKind.Pipeline, Json.Pipeline("[]"), "properties.activities", "at least one activity");

    [Fact]
    public void Dangling_dataset_reference() =>
        RefusePipeline(p => Activity(p, 0)["typeProperties"]!["dataset"]!["referenceName"] = "NoSuchDs",
            "properties.activities[0].typeProperties.dataset.referenceName", "refers to the dataset 'NoSuchDs', which does not exist", category: CmErrorCategory.ObjectNotFound);

    [Fact]
    public void Dangling_linked_service_reference() =>
        RefusePipeline(p => Activity(p, 2)["linkedServiceName"]!["referenceName"] = "NoSuchLs",
            "properties.activities[2].linkedServiceName.referenceName", "refers to the linked service 'NoSuchLs'", category: CmErrorCategory.ObjectNotFound);

    [Fact]
    public void Reference_type_must_match() =>
        RefusePipeline(p => Activity(p, 0)["typeProperties"]!["dataset"]!["type"] = "LinkedServiceReference",
            "properties.activities[0].typeProperties.dataset.type", "must be 'DatasetReference'");

    [Fact]
    public void Copy_takes_one_input_and_one_output() =>
        RefusePipeline(p => Inner(p, 0)["inputs"]!.AsArray().Add(JsonNode.Parse("""{"referenceName": "SourceDs", "type": "DatasetReference"}""")),
            "properties.activities[1].typeProperties.activities[0].inputs", "exactly one dataset in 'inputs', not 2");

    [Fact]
    public void Lookup_needs_a_source() =>
        RefusePipeline(p => Activity(p, 0)["typeProperties"]!.AsObject().Remove("source"), "properties.activities[0].typeProperties.source", "the required property 'source' is missing");

    [Fact]
    public void Unknown_sink_type() =>
        RefusePipeline(p => Inner(p, 0)["typeProperties"]!["sink"]!["type"] = "BlobSink",
            "properties.activities[1].typeProperties.activities[0].typeProperties.sink.type", "the sink type 'BlobSink' is not supported");

    [Fact]
    public void Write_behavior_is_insert_or_upsert() =>
        RefusePipeline(p => Inner(p, 0)["typeProperties"]!["sink"]!["writeBehavior"] = "merge",
            "properties.activities[1].typeProperties.activities[0].typeProperties.sink.writeBehavior", "'merge' is not a valid value");

    [Fact]
    public void Stored_procedure_needs_a_name() =>
        RefusePipeline(p => Inner(p, 1)["typeProperties"]!.AsObject().Remove("storedProcedureName"),
            "properties.activities[1].typeProperties.activities[1].typeProperties.storedProcedureName", "the required property 'storedProcedureName' is missing");

    [Fact]
    public void Stored_procedure_needs_a_linked_service() =>
        RefusePipeline(p => Inner(p, 1).Remove("linkedServiceName"),
            "properties.activities[1].typeProperties.activities[1].linkedServiceName", "the required reference 'linkedServiceName' is missing");

    [Fact]
    public void Stored_procedure_parameter_types() =>
        RefusePipeline(p => Inner(p, 1)["typeProperties"]!["storedProcedureParameters"]!["Rows"]!["type"] = "Long",
            "properties.activities[1].typeProperties.activities[1].typeProperties.storedProcedureParameters.Rows.type", "'Long' is not a stored procedure parameter type");

    [Fact]
    public void Script_block_types() =>
        RefusePipeline(p => Activity(p, 2)["typeProperties"]!["scripts"]![1]!["type"] = "Batch",
            "properties.activities[2].typeProperties.scripts[1].type", "'Batch' is not a script type");

    [Fact]
    public void Expression_syntax_errors_name_their_path() =>
        RefusePipeline(p => Activity(p, 0)["typeProperties"]!["source"]!["sqlReaderQuery"] = "@concat('a'",
            "properties.activities[0].typeProperties.source.sqlReaderQuery", "')' or ','", ErrorIds.ExpressionInvalid);

    [Fact]
    public void Item_outside_a_ForEach() =>
        RefusePipeline(p => Activity(p, 0)["typeProperties"]!["source"]!["sqlReaderQuery"] = "@item().query",
            "properties.activities[0].typeProperties.source.sqlReaderQuery", "item() is only available in the activities inside a ForEach", ErrorIds.ExpressionInvalid);

    [Fact]
    public void Item_in_the_items_expression_itself() =>
        RefusePipeline(p => Activity(p, 1)["typeProperties"]!["items"]!["value"] = "@item().x",
            "properties.activities[1].typeProperties.items.value", "item() is only available", ErrorIds.ExpressionInvalid);

    [Fact]
    public void Activity_outputs_only_of_ancestors() =>
        RefusePipeline(p => Activity(p, 2)["typeProperties"]!["scripts"]![1]!["text"] = "SELECT @{activity('LookupTables').output.count}",
            "properties.activities[2].typeProperties.scripts[1].text", "not an ancestor to the current activity", ErrorIds.ExpressionInvalid);

    [Fact]
    public void Inner_activities_see_the_ForEach_ancestors_and_their_own()
    {
        var json = ValidPipeline();
        Inner(json["properties"]!.AsObject(), 1)["typeProperties"]!["storedProcedureParameters"]!["Count"] =
            JsonNode.Parse("""{"value": "@activity('LookupTables').output.count", "type": "Int"}""");
        ResourceValidator.Validate(FactoryResourceKind.Pipeline, "P", json, Exists);

        RefusePipeline(p => Inner(p, 0)["typeProperties"]!["source"]!["sqlReaderQuery"] = "@activity('Record').output",
            "properties.activities[1].typeProperties.activities[0].typeProperties.source.sqlReaderQuery", "'Record' can't be referenced", ErrorIds.ExpressionInvalid);
    }

    [Fact]
    public void Linked_service_types_and_required_properties()
    {
        Refuse(FactoryResourceKind.LinkedService, Json.Resource("""{"type": "Oracle", "typeProperties": {}}"""), "properties.type", "the linked service type 'Oracle' is not supported");
        Refuse(FactoryResourceKind.LinkedService, Json.Resource("""{"type": "SqlServer", "typeProperties": {}}"""), "properties.typeProperties.server", "the required property 'server' is missing");
        Refuse(FactoryResourceKind.LinkedService, Json.Resource("""{"type": "CloudMigrationSqlite", "typeProperties": {}}"""), "properties.typeProperties.path", "the required property 'path' is missing");
        Refuse(FactoryResourceKind.LinkedService, Json.Resource("""{"type": "SqlServer"}"""), "properties.typeProperties", "the required property 'typeProperties' is missing");
        Refuse(FactoryResourceKind.LinkedService, Json.Resource("""{"type": "SqlServer", "typeProperties": {"connectionString": "Server=x;Database=y", "password": "plain"}}"""),
            "properties.typeProperties.password", "must be a SecureString or an AzureKeyVaultSecret object");
        Refuse(FactoryResourceKind.LinkedService, Json.Resource("""{"type": "SqlServer", "typeProperties": {"connectionString": "Server=x;Database=@{pipeline().RunId}"}}"""),
            "properties.typeProperties.connectionString", "pipeline() is not available in a linked service", ErrorIds.ExpressionInvalid);
    }

    [Fact]
    public void Linked_service_integration_runtime_references()
    {
        const string Ls = """{"type": "SqlServer", "connectVia": {"referenceName": "IR", "type": "IntegrationRuntimeReference"}, "typeProperties": {"connectionString": "Server=x;Database=y"}}""";
        Refuse(FactoryResourceKind.LinkedService, Json.Resource(Ls), "properties.connectVia.referenceName", "'IR' is not a valid integration runtime name");
        Refuse(FactoryResourceKind.LinkedService, Json.Resource(Ls.Replace("\"IR\"", "\"cm-ir-02\"", StringComparison.Ordinal)), "properties.connectVia.referenceName",
            "refers to the integration runtime 'cm-ir-02', which does not exist", category: CmErrorCategory.ObjectNotFound, runtimeExists: name => name == "cm-ir-01");
    }

    [Fact]
    public void Dataset_types_references_and_expressions()
    {
        Refuse(FactoryResourceKind.Dataset, Json.Resource("""{"type": "DelimitedText", "linkedServiceName": {"referenceName": "SourceLs", "type": "LinkedServiceReference"}}"""),
            "properties.type", "the dataset type 'DelimitedText' is not supported");
        Refuse(FactoryResourceKind.Dataset, Json.Resource("""{"type": "SqlServerTable"}"""), "properties.linkedServiceName", "the required reference 'linkedServiceName' is missing");
        Refuse(FactoryResourceKind.Dataset, Json.Resource("""{"type": "SqlServerTable", "linkedServiceName": {"referenceName": "Gone", "type": "LinkedServiceReference"}}"""),
            "properties.linkedServiceName.referenceName", "refers to the linked service 'Gone'", category: CmErrorCategory.ObjectNotFound);
        Refuse(FactoryResourceKind.Dataset, Json.Resource("""{"type": "SqlServerTable", "linkedServiceName": {"referenceName": "SourceLs", "type": "LinkedServiceReference"}, "typeProperties": {"table": "@item().t"}}"""),
            "properties.typeProperties.table", "item() is only available", ErrorIds.ExpressionInvalid);
        Refuse(FactoryResourceKind.Dataset, Json.Resource("""{"type": "SqlServerTable", "linkedServiceName": {"referenceName": "SourceLs", "type": "LinkedServiceReference"}, "typeProperties": {"table": 5}}"""),
            "properties.typeProperties.table", "'table' must be a string or an expression object");
    }
}
