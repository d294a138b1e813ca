using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>
/// The functions the local engine evaluates (a subset of ADF's expression language; names are case-insensitive):
/// <list type="bullet">
/// <item>scope: pipeline(), item(), activity(name), dataset(), linkedService();</item>
/// <item>strings: concat, replace, toLower, toUpper, trim, substring, indexOf, startsWith, endsWith, split, join;</item>
/// <item>conversion: string, int, float, bool, json, createArray;</item>
/// <item>logic: equals, not, and, or, if, greater, greaterOrEquals, less, lessOrEquals;</item>
/// <item>collections: length, empty, contains, first, last, coalesce;</item>
/// <item>math: add, sub, mul, div, mod; dates: utcnow, formatDateTime.</item>
/// </list>
/// Choices where ADF's documentation is silent: equals and contains compare strings case-sensitively; startsWith,
/// endsWith and indexOf ignore case (as ADF documents); if, and, or and coalesce evaluate their arguments lazily.
/// </summary>
internal static class ExpressionFunctions
{
    private static readonly Dictionary<string, ExpressionFunction> Functions = Build().ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Names => Functions.Keys;

    public static bool TryGet(string name, out ExpressionFunction function) => Functions.TryGetValue(name, out function!);

    private static IEnumerable<ExpressionFunction> Build()
    {
        const int Many = int.MaxValue;

        // Scope
        yield return new("pipeline", 0, 0, c => c.Context.Pipeline ?? throw c.Error("pipeline() is only available while a pipeline runs."));
        yield return new("item", 0, 0, c => c.Context.HasItem ? c.Context.Item
            : throw c.Error("the template function 'item' is not expected at this location: item() is only available inside a ForEach."));
        yield return new("activity", 1, 1, Activity);
        yield return new("dataset", 0, 0, c => c.Context.DatasetParameters
            ?? throw c.Error("the template function 'dataset' is only available in the properties of a dataset."));
        yield return new("linkedService", 0, 0, c => c.Context.LinkedServiceParameters
            ?? throw c.Error("the template function 'linkedService' is only available in the properties of a linked service."));

        // Strings
        yield return new("concat", 1, Many, Concat);
        yield return new("replace", 3, 3, c =>
        {
            var old = c.Text(1);
            if (old.Length == 0)
            {
                throw c.Error("the template language function 'replace' does not accept an empty string to replace.");
            }

            return c.Text(0).Replace(old, c.Text(2), StringComparison.Ordinal);
        });
        yield return new("toLower", 1, 1, c => c.Text(0).ToLowerInvariant());
        yield return new("toUpper", 1, 1, c => c.Text(0).ToUpperInvariant());
        yield return new("trim", 1, 1, c => c.Text(0).Trim());
        yield return new("substring", 2, 3, Substring);
        yield return new("indexOf", 2, 2, c => (long)c.Text(0).IndexOf(c.Text(1), StringComparison.OrdinalIgnoreCase));
        yield return new("startsWith", 2, 2, c => c.Text(0).StartsWith(c.Text(1), StringComparison.OrdinalIgnoreCase));
        yield return new("endsWith", 2, 2, c => c.Text(0).EndsWith(c.Text(1), StringComparison.OrdinalIgnoreCase));
        yield return new("split", 2, 2, c =>
        {
            var delimiter = c.Text(1);
            if (delimiter.Length == 0)
            {
                throw c.Error("the template language function 'split' does not accept an empty delimiter.");
            }

            return new JsonArray(c.Text(0).Split(delimiter).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        });
        yield return new("join", 2, 2, c => c.Arg(0) is JsonArray array
            ? string.Join(c.Text(1), array.Select(ExpressionValues.ToText))
            : throw c.Expects(0, "an array", c.Arg(0)));

        // Conversion
        yield return new("string", 1, 1, c => ExpressionValues.ToText(c.Arg(0)));
        yield return new("int", 1, 1, Int);
        yield return new("float", 1, 1, c => c.Number(0));
        yield return new("bool", 1, 1, Bool);
        yield return new("json", 1, 1, Json);
        yield return new("createArray", 1, Many, c => new JsonArray(c.Args().Select(ExpressionValues.Detach).ToArray()));

        // Logic
        yield return new("equals", 2, 2, c => ExpressionValues.AreEqual(c.Arg(0), c.Arg(1)));
        yield return new("not", 1, 1, c => !c.Boolean(0));
        yield return new("and", 2, Many, c => Enumerable.Range(0, c.Count).All(c.Boolean));
        yield return new("or", 2, Many, c => Enumerable.Range(0, c.Count).Any(c.Boolean));
        yield return new("if", 3, 3, c => c.Boolean(0) ? c.Arg(1) : c.Arg(2));
        yield return new("greater", 2, 2, c => Compare(c) > 0);
        yield return new("greaterOrEquals", 2, 2, c => Compare(c) >= 0);
        yield return new("less", 2, 2, c => Compare(c) < 0);
        yield return new("lessOrEquals", 2, 2, c => Compare(c) <= 0);

        // Collections
        yield return new("length", 1, 1, c => c.Arg(0) switch
        {
            JsonArray array => (long)array.Count,
            var v when ExpressionValues.IsString(v, out var text) => (long)text.Length,
            var v => throw c.Expects(0, "an array or a string", v),
        });
        yield return new("empty", 1, 1, c => c.Arg(0) switch
        {
            var v when ExpressionValues.IsNull(v) => true,
            JsonArray array => array.Count == 0,
            JsonObject obj => obj.Count == 0,
            var v when ExpressionValues.IsString(v, out var text) => text.Length == 0,
            var v => throw c.Expects(0, "a string, an array or an object", v),
        });
        yield return new("contains", 2, 2, Contains);
        yield return new("first", 1, 1, c => c.Arg(0) switch
        {
            JsonArray array => array.Count == 0 ? null : array[0],
            var v when ExpressionValues.IsString(v, out var text) => text.Length == 0 ? string.Empty : text[..1],
            var v => throw c.Expects(0, "an array or a string", v),
        });
        yield return new("last", 1, 1, c => c.Arg(0) switch
        {
            JsonArray array => array.Count == 0 ? null : array[^1],
            var v when ExpressionValues.IsString(v, out var text) => text.Length == 0 ? string.Empty : text[^1..],
            var v => throw c.Expects(0, "an array or a string", v),
        });
        yield return new("coalesce", 1, Many, c => c.Args().FirstOrDefault(v => !ExpressionValues.IsNull(v)));

        // Math
        yield return new("add", 2, 2, c => Arithmetic(c, (a, b) => checked(a + b), (a, b) => a + b));
        yield return new("sub", 2, 2, c => Arithmetic(c, (a, b) => checked(a - b), (a, b) => a - b));
        yield return new("mul", 2, 2, c => Arithmetic(c, (a, b) => checked(a * b), (a, b) => a * b));
        yield return new("div", 2, 2, c => Arithmetic(c, (a, b) => b == 0 ? throw c.Error("it divides by zero.") : a / b,
            (a, b) => b == 0 ? throw c.Error("it divides by zero.") : a / b));
        yield return new("mod", 2, 2, c => Arithmetic(c, (a, b) => b == 0 ? throw c.Error("it divides by zero.") : a % b,
            (a, b) => b == 0 ? throw c.Error("it divides by zero.") : a % b));

        // Dates
        yield return new("utcnow", 0, 1, c => Format(c, c.Context.Clock.GetUtcNow(), c.Count == 0 ? null : c.String(0)));
        yield return new("formatDateTime", 1, 2, c =>
        {
            var text = c.Text(0);
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
            {
                throw c.Error($"the template language function 'formatDateTime' cannot read '{text}' as a timestamp.");
            }

            return Format(c, timestamp, c.Count == 1 ? null : c.String(1));
        });
    }

    private static JsonNode? Activity(FunctionCall c)
    {
        var name = c.String(0);
        var activity = c.Context.Activities?.Invoke(name);
        return activity ?? throw c.Error(
            $"the activity '{name}' has not run in this scope: activity() reads activities of the pipeline (or of the same ForEach iteration) that have ended, so make this activity depend on '{name}'.");
    }

    private static JsonNode? Concat(FunctionCall c)
    {
        var values = c.Args().ToArray();
        if (values.All(v => v is JsonArray))
        {
            return new JsonArray(values.SelectMany(v => ((JsonArray)v!).Select(ExpressionValues.Detach)).ToArray());
        }

        var sb = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is JsonObject or JsonArray)
            {
                throw c.Expects(i, "a string", values[i]);
            }

            sb.Append(ExpressionValues.ToText(values[i]));
        }

        return sb.ToString();
    }

    private static JsonNode? Substring(FunctionCall c)
    {
        var text = c.Text(0);
        var start = c.Integer(1);
        var length = c.Count == 3 ? c.Integer(2) : text.Length - start;
        if (start < 0 || length < 0 || start + length > text.Length)
        {
            throw c.Error($"the template language function 'substring' parameters are out of range: 'start' ({start}) and 'length' ({length}) must lie within the string of length {text.Length}.");
        }

        return text.Substring((int)start, (int)length);
    }

    private static JsonNode? Int(FunctionCall c)
    {
        var value = c.Arg(0);
        if (ExpressionValues.TryGetInteger(value, out var number))
        {
            return number;
        }

        if (ExpressionValues.IsString(value, out var text) && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw c.Error($"the template language function 'int' was invoked with a parameter that is not valid: the value '{ExpressionValues.ToText(value)}' cannot be converted to an integer.");
    }

    private static JsonNode? Bool(FunctionCall c)
    {
        var value = c.Arg(0);
        if (ExpressionValues.TryGetBoolean(value, out var flag))
        {
            return flag;
        }

        if (ExpressionValues.TryGetInteger(value, out var number))
        {
            return number != 0;
        }

        if (ExpressionValues.IsString(value, out var text) && bool.TryParse(text.Trim(), out flag))
        {
            return flag;
        }

        throw c.Error($"the template language function 'bool' was invoked with a parameter that is not valid: the value '{ExpressionValues.ToText(value)}' cannot be converted to a boolean.");
    }

    private static JsonNode? Json(FunctionCall c)
    {
        var value = c.Arg(0);
        if (!ExpressionValues.IsString(value, out var text))
        {
            return ExpressionValues.Detach(value);
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw c.Error($"the template language function 'json' parameter is not valid: the value '{text}' cannot be parsed as JSON ({ex.Message}).");
        }
    }

    private static JsonNode? Contains(FunctionCall c)
    {
        var collection = c.Arg(0);
        var value = c.Arg(1);
        return collection switch
        {
            JsonArray array => array.Any(item => ExpressionValues.AreEqual(item, value)),
            JsonObject obj => ExpressionValues.IsString(value, out var key) && obj.ContainsKey(key),
            var v when ExpressionValues.IsString(v, out var text) => text.Contains(ExpressionValues.ToText(value), StringComparison.Ordinal),
            var v => throw c.Expects(0, "a string, an array or an object", v),
        };
    }

    private static int Compare(FunctionCall c)
    {
        var left = c.Arg(0);
        var right = c.Arg(1);
        if (ExpressionValues.IsNumber(left) && ExpressionValues.IsNumber(right))
        {
            return c.Number(0).CompareTo(c.Number(1));
        }

        if (ExpressionValues.IsString(left, out var ls) && ExpressionValues.IsString(right, out var rs))
        {
            return string.CompareOrdinal(ls, rs);
        }

        throw c.Error($"the template language function '{c.Name}' expects two numbers or two strings, but was given '{ExpressionValues.TypeName(left)}' and '{ExpressionValues.TypeName(right)}'.");
    }

    private static JsonNode? Arithmetic(FunctionCall c, Func<long, long, long> integers, Func<double, double, double> floats)
    {
        var left = c.Arg(0);
        var right = c.Arg(1);
        if (!ExpressionValues.IsNumber(left))
        {
            throw c.Expects(0, "a number", left);
        }

        if (!ExpressionValues.IsNumber(right))
        {
            throw c.Expects(1, "a number", right);
        }

        if (ExpressionValues.TryGetInteger(left, out var a) && ExpressionValues.TryGetInteger(right, out var b))
        {
            try
            {
                return integers(a, b);
            }
            catch (OverflowException)
            {
                throw c.Error($"the result of '{c.Name}' does not fit in a 64-bit integer.");
            }
        }

        return floats(c.Number(0), c.Number(1));
    }

    private static JsonNode? Format(FunctionCall c, DateTimeOffset timestamp, string? format)
    {
        var utc = timestamp.UtcDateTime;
        if (format is null)
        {
            return utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
        }

        try
        {
            return utc.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw c.Error($"the format '{format}' is not a valid date and time format.");
        }
    }
}
