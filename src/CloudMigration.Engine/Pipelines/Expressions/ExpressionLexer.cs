using System.Text;

namespace CloudMigration.Engine.Pipelines.Expressions;

/// <summary>Splits an expression (the text after '@', or inside '@{...}') into tokens.</summary>
internal static class ExpressionLexer
{
    public static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new(TokenKind.LeftParen, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new(TokenKind.RightParen, ")", i++));
                    continue;
                case '[':
                    tokens.Add(new(TokenKind.LeftBracket, "[", i++));
                    continue;
                case ']':
                    tokens.Add(new(TokenKind.RightBracket, "]", i++));
                    continue;
                case ',':
                    tokens.Add(new(TokenKind.Comma, ",", i++));
                    continue;
                case '.':
                    tokens.Add(new(TokenKind.Dot, ".", i++));
                    continue;
                case '?':
                    if (i + 1 < text.Length && text[i + 1] == '.')
                    {
                        tokens.Add(new(TokenKind.QuestionDot, "?.", i));
                        i += 2;
                        continue;
                    }

                    if (i + 1 < text.Length && text[i + 1] == '[')
                    {
                        tokens.Add(new(TokenKind.QuestionBracket, "?[", i));
                        i += 2;
                        continue;
                    }

                    throw ExpressionErrors.Syntax(text, $"the character '?' at position {i + 1} must be followed by '.' or '['.");
                case '\'':
                    tokens.Add(new(TokenKind.String, ReadString(text, ref i), start));
                    continue;
            }

            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i++;
                var isFloat = false;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    isFloat = true;
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    var j = i + 1;
                    if (j < text.Length && (text[j] == '+' || text[j] == '-'))
                    {
                        j++;
                    }

                    if (j < text.Length && char.IsAsciiDigit(text[j]))
                    {
                        isFloat = true;
                        i = j;
                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                        {
                            i++;
                        }
                    }
                }

                tokens.Add(new(isFloat ? TokenKind.Float : TokenKind.Integer, text[start..i], start));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                i++;
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new(TokenKind.Identifier, text[start..i], start));
                continue;
            }

            throw ExpressionErrors.Syntax(text, $"the character '{c}' at position {i + 1} is not expected.");
        }

        tokens.Add(new(TokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_' || c == '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    private static string ReadString(string text, ref int i)
    {
        var start = i;
        var sb = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    sb.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return sb.ToString();
            }

            sb.Append(text[i]);
            i++;
        }

        throw ExpressionErrors.Syntax(text, $"the string that starts at position {start + 1} is not closed with a single quote.");
    }
}
