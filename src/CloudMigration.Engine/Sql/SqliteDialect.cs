namespace CloudMigration.Engine.Sql;

public sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public string Name => "Sqlite";

    public string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string ByteLength(string expression) => "length(CAST(" + expression + " AS BLOB))";

    // SQLite compares text exactly: SL's space padding must be trimmed.
    public string FixedWidthEquals(string quotedColumn, string value) => "rtrim(" + quotedColumn + ") = '" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public string Script(string scriptName) => SqlScripts.Get(Name, scriptName);
}
