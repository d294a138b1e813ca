using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>One call of a function while it is evaluated: its arguments, evaluated on demand and once.</summary>
internal sealed class FunctionCall
{
    private readonly CallNode node;
    private readonly Func<ExpressionNode, JsonNode?> evaluate;
    private readonly JsonNode?[] values;
    private readonly bool[] evaluated;

    public FunctionCall(CallNode node, ExpressionContext context, string source, Func<ExpressionNode, JsonNode?> evaluate)
    {
        this.node = node;
        this.evaluate = evaluate;
        Context = context;
        Source = source;
        values = new JsonNode?[node.Arguments.Count];
        evaluated = new bool[node.Arguments.Count];
    }

    public ExpressionContext Context { get; }

    /// <summary>The whole expression the call is part of (for messages).</summary>
    public string Source { get; }

    public string Name => node.Name;

    public int Count => node.Arguments.Count;

    public JsonNode? Arg(int index)
    {
        if (!evaluated[index])
        {
            values[index] = evaluate(node.Arguments[index]);
            evaluated[index] = true;
        }

        return values[index];
    }

    public IEnumerable<JsonNode?> Args() => Enumerable.Range(0, Count).Select(Arg);

    public string String(int index)
    {
        var value = Arg(index);
        return ExpressionValues.IsString(value, out var text) ? text : throw Expects(index, "a string", value);
    }

    /// <summary>A string argument, or the text of any other value (ADF converts numbers to text in string functions).</summary>
    public string Text(int index)
    {
        var value = Arg(index);
        if (value is JsonObject or JsonArray)
        {
            throw Expects(index, "a string", value);
        }

        return ExpressionValues.ToText(value);
    }

    public long Integer(int index)
    {
        var value = Arg(index);
        if (ExpressionValues.TryGetInteger(value, out var number))
        {
            return number;
        }

        if (ExpressionValues.IsString(value, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw Expects(index, "an integer", value);
    }

    public double Number(int index)
    {
        var value = Arg(index);
        if (ExpressionValues.TryGetDouble(value, out var number))
        {
            return number;
        }

        if (ExpressionValues.IsString(value, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw Expects(index, "a number", value);
    }

    public bool Boolean(int index)
    {
        var value = Arg(index);
        if (ExpressionValues.TryGetBoolean(value, out var flag))
        {
            return flag;
        }

        if (ExpressionValues.IsString(value, out var text) && bool.TryParse(text, out flag))
        {
            return flag;
        }

        throw Expects(index, "a boolean", value);
    }

    public CmException Error(string detail) => ExpressionErrors.Evaluation(Source, detail);

    public CmException Expects(int index, string what, JsonNode? value) =>
        Error($"the template language function '{Name}' expects its parameter {index + 1} to be {what}, but the provided value is of type '{ExpressionValues.TypeName(value)}'.");
}
