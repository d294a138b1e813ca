using System.Collections.Concurrent;
using System.Text;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>
/// A JSON string value as ADF reads it:
/// <list type="bullet">
/// <item>starting with '@' (and not '@@' or '@{'): one expression, whose value keeps its type;</item>
/// <item>starting with '@@': the literal text without the first '@';</item>
/// <item>containing '@{...}': text with interpolated expressions, always a string; '@@' in it is a literal '@';</item>
/// <item>anything else: literal text, as is.</item>
/// </list>
/// </summary>
internal sealed class ExpressionTemplate
{
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<string, ExpressionTemplate> Cache = new(StringComparer.Ordinal);

    private ExpressionTemplate(string text, ExpressionNode? whole, IReadOnlyList<TemplatePart>? parts, string? literal)
    {
        Text = text;
        Whole = whole;
        Parts = parts;
        Literal = literal;
    }

    public string Text { get; }

    /// <summary>Set when the whole string is one expression.</summary>
    public ExpressionNode? Whole { get; }

    /// <summary>Set for interpolated text.</summary>
    public IReadOnlyList<TemplatePart>? Parts { get; }

    /// <summary>Set when the string holds no expression.</summary>
    public string? Literal { get; }

    /// <summary>Every expression of the template, with its source text.</summary>
    public IEnumerable<(ExpressionNode Node, string Source)> Expressions =>
        Whole is not null ? [(Whole, Text[1..])] : (Parts ?? []).Where(p => p.Node is not null).Select(p => (p.Node!, p.Text));

    /// <summary>Whether a string would be evaluated at all (cheap test, no parsing).</summary>
    public static bool HasExpression(string text) =>
        (text.Length > 1 && text[0] == '@' && text[1] != '@') || text.Contains("@{", StringComparison.Ordinal);

    public static ExpressionTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var template = Create(text);
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[text] = template;
        return template;
    }

    private static ExpressionTemplate Create(string text)
    {
        if (text.StartsWith("@@", StringComparison.Ordinal) && !text.Contains("@{", StringComparison.Ordinal))
        {
            return new ExpressionTemplate(text, null, null, text[1..]);
        }

        if (text.Length > 1 && text[0] == '@' && text[1] != '@' && text[1] != '{')
        {
            return new ExpressionTemplate(text, ExpressionParser.Parse(text[1..]), null, null);
        }

        if (!text.Contains("@{", StringComparison.Ordinal))
        {
            return new ExpressionTemplate(text, null, null, text);
        }

        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '@' && i + 1 < text.Length && text[i + 1] == '@')
            {
                literal.Append('@');
                i += 2;
                continue;
            }

            if (text[i] == '@' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = FindClosingBrace(text, i + 2);
                if (end < 0)
                {
                    throw ExpressionErrors.Syntax(text, $"the interpolation '@{{' at position {i + 1} is not closed with '}}'.");
                }

                if (literal.Length > 0)
                {
                    parts.Add(new TemplatePart(literal.ToString(), null));
                    literal.Clear();
                }

                var source = text[(i + 2)..end];
                parts.Add(new TemplatePart(source, ExpressionParser.Parse(source)));
                i = end + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null));
        }

        return new ExpressionTemplate(text, null, parts, null);
    }

    private static int FindClosingBrace(string text, int start)
    {
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                // A doubled quote inside a string is an escaped quote: toggling twice keeps the state.
                inString = !inString;
            }
            else if (text[i] == '}' && !inString)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A piece of interpolated text: literal text (Node null) or an expression and its source.</summary>
internal sealed record TemplatePart(string Text, ExpressionNode? Node);
