namespace CloudMigration.Engine.Sql;

public sealed class SqlServerDialect : ISqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public string Name => "SqlServer";

    public string QuoteIdentifier(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    public string ByteLength(string expression) => "DATALENGTH(" + expression + ")";

    public string Script(string scriptName) => SqlScripts.Get(Name, scriptName);
}
