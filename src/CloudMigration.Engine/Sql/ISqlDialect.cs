namespace CloudMigration.Engine.Sql;

/// <summary>What differs between SQL Server and SQLite: quoting and the text of each script.</summary>
public interface ISqlDialect
{
    /// <summary>"SqlServer" or "Sqlite"; also the folder of the dialect's scripts under Sql/.</summary>
    string Name { get; }

    /// <summary>Quotes an identifier so that any text is just a name (never SQL).</summary>
    string QuoteIdentifier(string name);

    /// <summary>An expression for the size in bytes of a value (DATALENGTH on SQL Server).</summary>
    string ByteLength(string expression);

    /// <summary>A condition comparing a fixed-width (char) column with a text value, padding ignored, the value as a literal.</summary>
    string FixedWidthEquals(string quotedColumn, string value);

    /// <summary>The text of a named script of this dialect (Sql/&lt;Name&gt;/&lt;script&gt;.sql).</summary>
    string Script(string scriptName);
}
