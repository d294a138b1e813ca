namespace CloudMigration.Engine.Sql;

public sealed class SqlServerDialect : ISqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public string Name => "SqlServer";

    public string QuoteIdentifier(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    public string ByteLength(string expression) => "DATALENGTH(" + expression + ")";

    // SQL Server ignores trailing spaces when it compares char values, so the column stays sargable.
    public string FixedWidthEquals(string quotedColumn, string value) => quotedColumn + " = N'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public string Script(string scriptName) => SqlScripts.Get(Name, scriptName);
}
