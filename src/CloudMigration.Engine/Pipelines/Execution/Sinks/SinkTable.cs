using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>The sink table as the database describes it: its columns (empty when the table does not exist).</summary>
internal sealed class SinkTable
{
    private SinkTable(string quotedName, IReadOnlyList<SinkColumn> columns)
    {
        QuotedName = quotedName;
        Columns = columns;
    }

    public string QuotedName { get; }

    public IReadOnlyList<SinkColumn> Columns { get; }

    public bool Exists => Columns.Count > 0;

    /// <summary>The primary key's columns in key order.</summary>
    public IReadOnlyList<string> PrimaryKey => Columns.Where(c => c.KeyOrdinal > 0).OrderBy(c => c.KeyOrdinal).Select(c => c.Name).ToArray();

    public static async Task<SinkTable> LoadAsync(DbConnection connection, ResolvedDataset dataset, CancellationToken cancellationToken)
    {
        var quoted = dataset.QuotedTable();
        if (dataset.Dialect is SqliteDialect)
        {
            var (_, table) = dataset.TableParts();
            var sqlite = await connection.QueryAsync("SELECT name, type, pk FROM pragma_table_info(@table);",
                r => new SinkColumn(r.GetString(0), r.IsDBNull(1) ? string.Empty : r.GetString(1), r.GetInt32(2), Writable: true),
                cancellationToken, ("@table", table)).ConfigureAwait(false);
            return new SinkTable(quoted, sqlite);
        }

        var columns = await connection.QueryAsync(SqlServerSinkSql.Columns,
            r => new SinkColumn(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetBoolean(3)),
            cancellationToken, ("@table", quoted)).ConfigureAwait(false);
        return new SinkTable(quoted, columns);
    }

    /// <summary>
    /// tableOption autoCreate: creates the table from the source's columns. SQLite keeps the source's declared type names
    /// (Microsoft.Data.Sqlite reports them without a length, so char(10) becomes char: the same affinity);
    /// SQL Server maps .NET types (text nvarchar(max), integers bigint, decimal(38,18), float, datetime2, ...).
    /// </summary>
    public static async Task CreateAsync(DbConnection connection, ResolvedDataset dataset, DbDataReader source, CancellationToken cancellationToken)
    {
        var dialect = dataset.Dialect;
        var columns = new List<string>();
        for (var i = 0; i < source.FieldCount; i++)
        {
            string type;
            if (dialect is SqliteDialect)
            {
                try
                {
                    type = source.GetDataTypeName(i);
                }
                catch (InvalidOperationException)
                {
                    type = string.Empty;
                }
            }
            else
            {
                type = SqlServerType(source.GetFieldType(i));
            }

            columns.Add(dialect.QuoteIdentifier(source.GetName(i)) + (type.Length == 0 ? string.Empty : " " + type) + " NULL");
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE " + dataset.QuotedTable() + " (" + string.Join(", ", columns) + ");";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string SqlServerType(Type type) => type switch
    {
        _ when type == typeof(bool) => "bit",
        _ when type == typeof(byte) => "tinyint",
        _ when type == typeof(short) => "smallint",
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "bigint",
        _ when type == typeof(decimal) => "decimal(38,18)",
        _ when type == typeof(double) || type == typeof(float) => "float",
        _ when type == typeof(DateTime) => "datetime2",
        _ when type == typeof(DateTimeOffset) => "datetimeoffset",
        _ when type == typeof(Guid) => "uniqueidentifier",
        _ when type == typeof(byte[]) => "varbinary(max)",
        _ => "nvarchar(max)",
    };
}
