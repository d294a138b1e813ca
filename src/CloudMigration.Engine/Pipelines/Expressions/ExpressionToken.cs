namespace CloudMigration.Engine.Pipelines.Expressions;

internal enum TokenKind
{
    Identifier,
    String,
    Integer,
    Float,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    QuestionDot,
    QuestionBracket,
    End,
}

/// <summary>One token of an expression; Text is the string's value for strings (quotes removed, '' undoubled).</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Position);
