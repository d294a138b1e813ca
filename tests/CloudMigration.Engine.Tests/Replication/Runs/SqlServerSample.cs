using System.Globalization;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Conformance;
using CloudMigration.Engine.Tests.Discovery;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;

namespace CloudMigration.Engine.Tests.Replication.Runs;

/// <summary>
/// The SQLite sample's four databases copied to the SQL Server of CM_TEST_SQLSERVER under unique names: every table made
/// from its declared SQL Server types (SchemaScripts on SqlServerDialect, which Sql/ScriptDomTests parses for every SL and
/// BC table) with its rows, the system database's getVersion view as SL's procedure, Company.DatabaseName pointing at the
/// copied application databases, and change tracking on the application databases and their keyed tables (what the
/// compatibility check requires of an SL source). Dropped on dispose.
/// </summary>
internal sealed class SqlServerSample : IAsyncDisposable
{
    private static readonly string[] Databases =
        [SampleEnvironmentBuilder.SystemDatabase, SampleCompany.MainApplicationDatabase, SampleCompany.SecondApplicationDatabase, SampleEnvironmentBuilder.DestinationDatabase];

    private readonly Dictionary<string, string> names;
    private readonly List<string> created = [];

    private SqlServerSample()
    {
        // Short enough for SL's DatabaseName char(30): "cmr_" + 12 + "_app2" = 21 characters.
        var prefix = "cmr_" + Guid.NewGuid().ToString("N")[..12];
        names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [SampleEnvironmentBuilder.SystemDatabase] = prefix + "_sl",
            [SampleCompany.MainApplicationDatabase] = prefix + "_app",
            [SampleCompany.SecondApplicationDatabase] = prefix + "_app2",
            [SampleEnvironmentBuilder.DestinationDatabase] = prefix + "_bc",
        };
    }

    /// <summary>SL's getVersion procedure, returning the values the sample's view of the same name holds.</summary>
    public const string CreateGetVersion = """
        DECLARE @sql nvarchar(max) = N'CREATE PROCEDURE dbo.getVersion AS SELECT ' + CAST(@major AS nvarchar(11)) + N' AS MajorVersion, '
            + CAST(@minor AS nvarchar(11)) + N' AS MinorVersion, ' + CAST(@build AS nvarchar(11)) + N' AS BuildNumber, N'''
            + REPLACE(@product, N'''', N'''''') + N''' AS ProductName;';
        EXEC sys.sp_executesql @sql;
        """;

    /// <summary>The T-SQL constants above, for the ScriptDom parse test.</summary>
    public static IReadOnlyList<(string Name, string Text)> Scripts { get; } = [(nameof(CreateGetVersion), CreateGetVersion)];

    /// <summary>The SL system database on the server.</summary>
    public CmEndpoint Source => Endpoint(SampleEnvironmentBuilder.SystemDatabase);

    /// <summary>The Business Central database on the server.</summary>
    public CmEndpoint Destination => Endpoint(SampleEnvironmentBuilder.DestinationDatabase);

    public CmEndpoint Endpoint(string sampleDatabase) =>
        CmEndpoint.Parse(EndpointParser.SqlServerPrefix + Builder(names[sampleDatabase]).ConnectionString);

    public static async Task<SqlServerSample> CopyAsync(PrivateSample sample)
    {
        var server = new SqlServerSample();
        try
        {
            foreach (var database in Databases)
            {
                await RunAsync("master", SqlServerFixtureScripts.CreateDatabase, ("@name", server.names[database]));
                server.created.Add(server.names[database]);
                var keyed = await server.CopyTablesAsync(sample, database);
                if (database is SampleCompany.MainApplicationDatabase or SampleCompany.SecondApplicationDatabase)
                {
                    await ChangeCapture.EnableAsync(server.Endpoint(database), keyed, CancellationToken.None);
                }
            }

            await server.CopyGetVersionAsync(sample);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs T-SQL in a copied database (a sample database name).</summary>
    public Task ExecuteAsync(string sampleDatabase, string sql) => RunAsync(names[sampleDatabase], sql);

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        foreach (var name in created)
        {
            await RunAsync("master", SqlServerFixtureScripts.DropDatabase, ("@name", name));
        }

        created.Clear();
    }

    /// <summary>Creates every table of the sample database on the server and copies its rows; returns the tables with a primary key.</summary>
    private async Task<List<ChangeCapture.TrackedTable>> CopyTablesAsync(PrivateSample sample, string database)
    {
        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sample.PathOf(database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await sqlite.OpenAsync();
        var tables = new List<string>();
        await using (var list = sqlite.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT LIKE 'cm!_%' ESCAPE '!' ORDER BY name;";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var keyed = new List<ChangeCapture.TrackedTable>();
        await using var server = new SqlConnection(Builder(names[database]).ConnectionString);
        await server.OpenAsync();
        foreach (var table in tables)
        {
            var schema = await SchemaAsync(sqlite, table);
            await using (var create = server.CreateCommand())
            {
                create.CommandText = SchemaScripts.CreateTable(SqlServerDialect.Instance, schema);
                await create.ExecuteNonQueryAsync();
            }

            if (schema.PrimaryKey.Count > 0)
            {
                keyed.Add(new ChangeCapture.TrackedTable(table, schema.PrimaryKey));
            }

            await CopyRowsAsync(sqlite, server, schema);
        }

        return keyed;
    }

    private static async Task<TableSchema> SchemaAsync(SqliteConnection sqlite, string table)
    {
        var columns = new List<ColumnSchema>();
        var key = new SortedList<long, string>();
        await using var info = sqlite.CreateCommand();
        info.CommandText = "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@table) ORDER BY cid;";
        info.Parameters.AddWithValue("@table", table);
        await using var reader = await info.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(new ColumnSchema(reader.GetString(0), reader.GetString(1), Nullable: reader.GetInt64(2) == 0));
            if (reader.GetInt64(3) > 0)
            {
                key.Add(reader.GetInt64(3), reader.GetString(0));
            }
        }

        return new TableSchema(table, columns, [.. key.Values]);
    }

    /// <summary>Copies the rows, but the timestamp/rowversion columns (the server sets them), in one transaction; SL database names are rewritten to the copies'.</summary>
    private async Task CopyRowsAsync(SqliteConnection sqlite, SqlConnection server, TableSchema schema)
    {
        var columns = schema.Columns.Where(c => !IsRowVersion(c.SqlType)).ToList();
        var insert = SchemaScripts.Insert(SqlServerDialect.Instance, schema, columns.Select(c => c.Name).ToArray());
        await using var select = sqlite.CreateCommand();
        select.CommandText = "SELECT " + string.Join(", ", columns.Select(c => SqliteDialect.Instance.QuoteIdentifier(c.Name))) + " FROM " + SqliteDialect.Instance.QuoteIdentifier(schema.Name) + ";";
        await using var reader = await select.ExecuteReaderAsync();
        await using var transaction = (SqlTransaction)await server.BeginTransactionAsync();
        while (await reader.ReadAsync())
        {
            await using var command = server.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = insert;
            for (var i = 0; i < columns.Count; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                if (schema.Name == "Company" && columns[i].Name == "DatabaseName" && value is string database && names.TryGetValue(database.TrimEnd(), out var copy))
                {
                    value = copy;
                }

                command.Parameters.AddWithValue("@p" + i.ToString(CultureInfo.InvariantCulture), Typed(columns[i].SqlType, value) ?? DBNull.Value);
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>SQLite holds dates and GUIDs as text: typed here, so no DATEFORMAT or implicit conversion decides them.</summary>
    private static object? Typed(string sqlType, object? value)
    {
        var type = sqlType.ToLowerInvariant();
        return value switch
        {
            string text when type.StartsWith("uniqueidentifier", StringComparison.Ordinal) => Guid.Parse(text),
            string text when type.StartsWith("smalldatetime", StringComparison.Ordinal) || type.StartsWith("datetime", StringComparison.Ordinal) || type == "date" =>
                DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None),
            _ => value,
        };
    }

    private static bool IsRowVersion(string sqlType) =>
        sqlType.Equals("timestamp", StringComparison.OrdinalIgnoreCase) || sqlType.Equals("rowversion", StringComparison.OrdinalIgnoreCase);

    private async Task CopyGetVersionAsync(PrivateSample sample)
    {
        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sample.PathOf(SampleEnvironmentBuilder.SystemDatabase), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await sqlite.OpenAsync();
        await using var command = sqlite.CreateCommand();
        command.CommandText = "SELECT MajorVersion, MinorVersion, BuildNumber, ProductName FROM getVersion;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        await RunAsync(names[SampleEnvironmentBuilder.SystemDatabase], CreateGetVersion,
            ("@major", (int)reader.GetInt64(0)), ("@minor", (int)reader.GetInt64(1)), ("@build", (int)reader.GetInt64(2)), ("@product", reader.GetString(3)));
    }

    private static SqlConnectionStringBuilder Builder(string database) =>
        new(SqlServerConformanceFixture.ConnectionString) { InitialCatalog = database };

    private static async Task RunAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        var builder = Builder(database);
        builder.Pooling = false;
        await using var connection = new SqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 120;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
