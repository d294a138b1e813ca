using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Expressions;
using CloudMigration.Engine.Tests.Discovery;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class ExpressionTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    private static ExpressionContext Context()
    {
        var parameters = Json.Parse("""{"table": "Account", "count": 3, "flag": true, "keys": ["CpnyID", "Acct"], "company": "0010", "empty": ""}""");
        var lookup = new JsonObject
        {
            ["output"] = Json.Parse("""{"count": 2, "value": [{"Name": "a"}, {"Name": "b"}], "firstRow": {"CpnyID": "0010", "Rows": 5}}"""),
            ["status"] = "Succeeded",
            ["error"] = null,
        };
        return ExpressionContext.ForRun("run-1", "Replicate", parameters, Now, new FixedClock(Now))
            .WithActivities(name => string.Equals(name, "LookupTables", StringComparison.OrdinalIgnoreCase) ? lookup : null);
    }

    private static JsonNode? Eval(string text, ExpressionContext? context = null) => AdfExpression.Evaluate(text, context ?? Context());

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("@@", "@")]
    [InlineData("@@pipeline()", "@pipeline()")]
    [InlineData(" @pipeline()", " @pipeline()")]
    [InlineData("user@example.com", "user@example.com")]
    [InlineData("Table: @{pipeline().parameters.table}!", "Table: Account!")]
    [InlineData("@{pipeline().parameters.count}", "3")]
    [InlineData("@{pipeline().parameters.flag}", "True")]
    [InlineData("Answer: @@{pipeline().parameters.count}", "Answer: @{pipeline().parameters.count}")]
    [InlineData("a@{'}'}b", "a}b")]
    [InlineData("@{'it''s'} @{toUpper('x')}", "it's X")]
    public void Literal_escaped_and_interpolated_text(string text, string expected)
    {
        Assert.Equal(expected, Eval(text)!.GetValue<string>());
    }

    [Fact]
    public void A_whole_expression_keeps_the_type_of_its_value()
    {
        Assert.Equal(3, Eval("@pipeline().parameters.count")!.GetValue<long>());
        Assert.True(Eval("@pipeline().parameters.flag")!.GetValue<bool>());
        var keys = Assert.IsType<JsonArray>(Eval("@pipeline().parameters.keys"));
        Assert.Equal(["CpnyID", "Acct"], keys.Select(k => k!.GetValue<string>()));
        Assert.Null(keys.Parent);
        Assert.Equal("run-1", Eval("@pipeline().RunId")!.GetValue<string>());
        Assert.Equal("Replicate", Eval("@pipeline().Pipeline")!.GetValue<string>());
    }

    [Fact]
    public void Item_and_activity_outputs_are_read_with_properties_and_indexes()
    {
        var context = Context().WithItem(Json.Parse("""{"TableName": "GLTran", "Keys": ["A", "B"], "Nested": {"x": 1}}"""));
        Assert.Equal("GLTran", Eval("@item().TableName", context)!.GetValue<string>());
        Assert.Equal("GLTran", Eval("@item().tablename", context)!.GetValue<string>());
        Assert.Equal("B", Eval("@item().Keys[1]", context)!.GetValue<string>());
        Assert.Equal(1, Eval("@item()['Nested']['x']", context)!.GetValue<long>());
        Assert.Equal(2, Eval("@activity('LookupTables').output.count")!.GetValue<long>());
        Assert.Equal("b", Eval("@activity('LookupTables').output.value[1].Name")!.GetValue<string>());
        Assert.Equal("0010", Eval("@activity('LookupTables').output.firstRow.CpnyID")!.GetValue<string>());
        Assert.Equal(2, Eval("@length(activity('LookupTables').output.value)")!.GetValue<long>());
        Assert.Null(Eval("@activity('LookupTables').output.firstRow?.Missing"));
        Assert.Null(Eval("@activity('LookupTables').error?.message"));
    }

    [Theory]
    [InlineData("@concat('a', 'b', 'c')", "abc")]
    [InlineData("@concat('n', 1, true)", "n1True")]
    [InlineData("@replace('a-b-c', '-', '_')", "a_b_c")]
    [InlineData("@toLower('MiXeD')", "mixed")]
    [InlineData("@toUpper('MiXeD')", "MIXED")]
    [InlineData("@string(42)", "42")]
    [InlineData("@string(json('{\"a\":1}'))", "{\"a\":1}")]
    [InlineData("@if(equals(pipeline().parameters.company, '0010'), 'yes', 'no')", "yes")]
    [InlineData("@coalesce(null, pipeline().parameters.table, 'x')", "Account")]
    [InlineData("@trim('  x ')", "x")]
    [InlineData("@substring('abcdef', 2, 3)", "cde")]
    [InlineData("@join(split('a,b,c', ','), '|')", "a|b|c")]
    [InlineData("@utcnow()", "2024-05-06T07:08:09.1230000Z")]
    [InlineData("@utcnow('yyyyMMdd')", "20240506")]
    [InlineData("@formatDateTime('2024-01-02T03:04:05Z', 'yyyy-MM-dd')", "2024-01-02")]
    public void String_functions(string text, string expected)
    {
        Assert.Equal(expected, Eval(text)!.GetValue<string>());
    }

    [Theory]
    [InlineData("@equals(1, 1.0)", true)]
    [InlineData("@equals('a', 'A')", false)]
    [InlineData("@equals(pipeline().parameters.keys, createArray('CpnyID', 'Acct'))", true)]
    [InlineData("@not(pipeline().parameters.flag)", false)]
    [InlineData("@and(true, pipeline().parameters.flag, not(false))", true)]
    [InlineData("@or(false, equals(1, 2))", false)]
    [InlineData("@greater(pipeline().parameters.count, 2)", true)]
    [InlineData("@lessOrEquals(3, 2)", false)]
    [InlineData("@empty(pipeline().parameters.empty)", true)]
    [InlineData("@contains(pipeline().parameters.keys, 'Acct')", true)]
    [InlineData("@startsWith('Account', 'acc')", true)]
    [InlineData("@if(true, true, item().never)", true)]
    public void Logic_functions(string text, bool expected)
    {
        Assert.Equal(expected, Eval(text)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("@int('42')", 42)]
    [InlineData("@length('abcd')", 4)]
    [InlineData("@add(pipeline().parameters.count, 4)", 7)]
    [InlineData("@sub(10, 4)", 6)]
    [InlineData("@mul(6, 7)", 42)]
    [InlineData("@div(11, 5)", 2)]
    [InlineData("@mod(11, 5)", 1)]
    [InlineData("@indexOf('Account', 'COUNT')", 2)]
    [InlineData("@json('[1,2,3]')[2]", 3)]
    [InlineData("@first(createArray(7, 8))", 7)]
    public void Numeric_functions(string text, long expected)
    {
        Assert.Equal(expected, Eval(text)!.GetValue<long>());
    }

    [Fact]
    public void Resolve_replaces_expressions_in_objects_arrays_and_expression_objects_and_leaves_secrets_alone()
    {
        var node = Json.Parse("""
            {"query": "SELECT * FROM [@{pipeline().parameters.table}]",
             "keys": {"value": "@pipeline().parameters.keys", "type": "Expression"},
             "list": ["@pipeline().parameters.count", 5, "@@literal"],
             "password": {"type": "SecureString", "value": "@pipeline().parameters.table"}}
            """);
        var resolved = Assert.IsType<JsonObject>(AdfExpression.Resolve(node, Context()));
        Assert.Equal("SELECT * FROM [Account]", resolved["query"]!.GetValue<string>());
        Assert.Equal(2, Assert.IsType<JsonArray>(resolved["keys"]).Count);
        Assert.Equal("[3,5,\"@literal\"]", resolved["list"]!.ToJsonString());
        Assert.Equal("@pipeline().parameters.table", resolved["password"]!["value"]!.GetValue<string>());
        Assert.Equal("SELECT * FROM [@{pipeline().parameters.table}]", node["query"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("@concat('a'", "')' or ','")]
    [InlineData("@concat('a)", "not closed")]
    [InlineData("@nosuch(1)", "'nosuch' is not defined")]
    [InlineData("@pipeline(", "ends")]
    [InlineData("@pipeline().parameters.", "property name")]
    [InlineData("@table", "neither a function call nor a value")]
    [InlineData("text @{pipeline().RunId", "not closed")]
    [InlineData("@replace('a', 'b')", "expects 3 parameter(s)")]
    [InlineData("@pipeline() pipeline()", "not expected after a complete expression")]
    [InlineData("@1 # 2", "'#'")]
    public void Syntax_errors_are_InvalidTemplate(string text, string fragment)
    {
        var ex = Assert.Throws<CmException>(() => AdfExpression.Validate(text));
        CmAssert.Error(ex, ErrorIds.ExpressionInvalid, CmErrorCategory.InvalidData);
        Assert.StartsWith("InvalidTemplate: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@pipeline().parameters.missing", "property 'missing' doesn't exist, available properties are 'table, count, flag, keys, company, empty'")]
    [InlineData("@item()", "only available inside a ForEach")]
    [InlineData("@activity('Other').output", "the activity 'Other' has not run")]
    [InlineData("@int('x')", "cannot be converted to an integer")]
    [InlineData("@pipeline().parameters.keys[5]", "outside the bounds")]
    [InlineData("@pipeline().parameters.table.length", "not supported on values of type 'String'")]
    [InlineData("@json('{oops')", "cannot be parsed as JSON")]
    [InlineData("@div(1, 0)", "divides by zero")]
    [InlineData("@length(5)", "expects its parameter 1 to be an array or a string")]
    [InlineData("@dataset()", "only available in the properties of a dataset")]
    [InlineData("@activity('LookupTables').error.message", "cannot be selected: the value it is selected from is null")]
    public void Evaluation_errors_are_InvalidTemplate(string text, string fragment)
    {
        var ex = Assert.Throws<CmException>(() => Eval(text));
        CmAssert.Error(ex, ErrorIds.ExpressionInvalid, CmErrorCategory.InvalidData);
        Assert.StartsWith("InvalidTemplate: The expression '", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_and_linked_service_parameters_are_scoped()
    {
        var context = new ExpressionContext(new FixedClock(Now))
            .WithDataset(Json.Parse("""{"TableName": "GLTran"}"""))
            .WithLinkedService(Json.Parse("""{"DatabaseName": "SLApp"}"""));
        Assert.Equal("GLTran", Eval("@dataset().TableName", context)!.GetValue<string>());
        Assert.Equal("/data/SLApp.db", Eval("/data/@{linkedService().DatabaseName}.db", context)!.GetValue<string>());
    }

    [Fact]
    public void Escaping_a_literal_keeps_it_literal_inside_interpolation()
    {
        var text = "Server=tcp:x;User ID=user@host;Initial Catalog=" + "@{linkedService().Db}";
        var escaped = AdfExpression.EscapeLiteral("Server=tcp:x;User ID=user@host;Initial Catalog=") + "@{linkedService().Db}";
        var context = new ExpressionContext().WithLinkedService(Json.Parse("""{"Db": "SLApp"}"""));
        Assert.Equal("Server=tcp:x;User ID=user@host;Initial Catalog=SLApp", AdfExpression.Evaluate(escaped, context)!.GetValue<string>());
        Assert.NotEqual(escaped, text);
        Assert.Equal("'it''s'", AdfExpression.Quote("it's"));
    }
}
