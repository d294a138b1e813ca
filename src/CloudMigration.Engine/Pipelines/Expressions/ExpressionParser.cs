using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>
/// Parses one expression (the text after '@' or inside '@{...}'):
/// <code>
/// expression := primary ( '.' name | '?.' name | '[' expression ']' | '?[' expression ']' )*
/// primary    := 'string' | number | true | false | null | function '(' [ expression ( ',' expression )* ] ')'
/// </code>
/// Function names are checked against <see cref="ExpressionFunctions"/> (case-insensitive, as in ADF).
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string text;
    private readonly List<ExpressionToken> tokens;
    private int position;

    private ExpressionParser(string text)
    {
        this.text = text;
        tokens = ExpressionLexer.Tokenize(text);
    }

    public static ExpressionNode Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ExpressionErrors.Syntax(text, "the expression is empty.");
        }

        var parser = new ExpressionParser(text);
        var node = parser.ParseExpression();
        var next = parser.Peek();
        if (next.Kind != TokenKind.End)
        {
            throw ExpressionErrors.Syntax(text, $"'{next.Text}' at position {next.Position + 1} is not expected after a complete expression.");
        }

        return node;
    }

    private ExpressionToken Peek() => tokens[position];

    private ExpressionToken Next() => tokens[position++];

    private ExpressionToken Expect(TokenKind kind, string what)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw ExpressionErrors.Syntax(text, token.Kind == TokenKind.End
                ? $"the expression ends where {what} is expected."
                : $"{what} is expected at position {token.Position + 1}, not '{token.Text}'.");
        }

        return token;
    }

    private ExpressionNode ParseExpression()
    {
        var node = ParsePrimary();
        while (true)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Dot:
                case TokenKind.QuestionDot:
                    Next();
                    var name = Expect(TokenKind.Identifier, "a property name");
                    node = new MemberNode(node, name.Text, token.Kind == TokenKind.QuestionDot);
                    break;
                case TokenKind.LeftBracket:
                case TokenKind.QuestionBracket:
                    Next();
                    var index = ParseExpression();
                    Expect(TokenKind.RightBracket, "']'");
                    node = new IndexNode(node, index, token.Kind == TokenKind.QuestionBracket);
                    break;
                default:
                    return node;
            }
        }
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.String:
                return new LiteralNode(JsonValue.Create(token.Text));
            case TokenKind.Integer:
                return long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? new LiteralNode(JsonValue.Create(integer))
                    : new LiteralNode(JsonValue.Create(double.Parse(token.Text, CultureInfo.InvariantCulture)));
            case TokenKind.Float:
                return new LiteralNode(JsonValue.Create(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            case TokenKind.Identifier:
                if (Peek().Kind == TokenKind.LeftParen)
                {
                    return ParseCall(token);
                }

                if (token.Text.Equals("true", StringComparison.OrdinalIgnoreCase))
                {
                    return new LiteralNode(JsonValue.Create(true));
                }

                if (token.Text.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    return new LiteralNode(JsonValue.Create(false));
                }

                if (token.Text.Equals("null", StringComparison.OrdinalIgnoreCase))
                {
                    return new LiteralNode(null);
                }

                throw ExpressionErrors.Syntax(text, $"'{token.Text}' at position {token.Position + 1} is neither a function call nor a value; strings are written in single quotes.");
            case TokenKind.End:
                throw ExpressionErrors.Syntax(text, "the expression ends where a value or a function call is expected.");
            default:
                throw ExpressionErrors.Syntax(text, $"'{token.Text}' at position {token.Position + 1} is not expected; a value or a function call is.");
        }
    }

    private CallNode ParseCall(ExpressionToken name)
    {
        if (!ExpressionFunctions.TryGet(name.Text, out var function))
        {
            throw ExpressionErrors.Syntax(text, $"the template function '{name.Text}' is not defined or not valid.");
        }

        Expect(TokenKind.LeftParen, "'('");
        var arguments = new List<ExpressionNode>();
        if (Peek().Kind != TokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(ParseExpression());
                if (Peek().Kind == TokenKind.Comma)
                {
                    Next();
                    continue;
                }

                break;
            }
        }

        Expect(TokenKind.RightParen, "')' or ','");
        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            var expected = function.MinArguments == function.MaxArguments
                ? function.MinArguments.ToString(CultureInfo.InvariantCulture)
                : function.MaxArguments == int.MaxValue
                    ? "at least " + function.MinArguments.ToString(CultureInfo.InvariantCulture)
                    : $"{function.MinArguments} to {function.MaxArguments}";
            throw ExpressionErrors.Syntax(text, $"the template language function '{function.Name}' expects {expected} parameter(s) but was given {arguments.Count}.");
        }

        return new CallNode(function.Name, arguments);
    }
}
