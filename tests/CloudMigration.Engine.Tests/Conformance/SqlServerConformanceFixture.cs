using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Products.DynamicsSL;
using Microsoft.Data.SqlClient;

namespace CloudMigration.Engine.Tests.Conformance;

/// <summary>
/// Scratch databases on the SQL Server named by CM_TEST_SQLSERVER (a SqlClient connection string whose login
/// may CREATE DATABASE): a minimal Dynamics SL system database, an (empty) application database, a minimal
/// Business Central database and an empty scratch database, uniquely named and dropped at the end.
/// With CM_TEST_SQLSERVER unset it does nothing and the tests skip.
/// </summary>
public sealed class SqlServerConformanceFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "CM_TEST_SQLSERVER";

    private readonly List<string> created = [];

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static bool Available => !string.IsNullOrWhiteSpace(ConnectionString);

    public ConformanceEndpoints? Endpoints { get; private set; }

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        // Short enough for SL's DatabaseName char(30): "cmt_" + 12 + "_scratch" = 24 characters.
        var prefix = "cmt_" + Guid.NewGuid().ToString("N")[..12];
        var names = (System: prefix + "_sl", App: prefix + "_app", Bc: prefix + "_bc", Scratch: prefix + "_scratch");
        foreach (var name in new[] { names.System, names.App, names.Bc, names.Scratch })
        {
            await ExecuteAsync("master", SqlServerFixtureScripts.CreateDatabase, ("@name", name));
            created.Add(name);
        }

        await ExecuteAsync(names.System, SqlServerFixtureScripts.SlSystemSchema, ("@app", names.App));
        var app = SlCatalog.Default.App;
        await ExecuteAsync(names.Bc, SqlServerFixtureScripts.BcSchema,
            ("@slAppId", app.Id), ("@slAppName", app.Name), ("@slAppPublisher", app.Publisher),
            ("@major", app.Version.Major), ("@minor", app.Version.Minor),
            ("@build", Math.Max(0, app.Version.Build)), ("@revision", Math.Max(0, app.Version.Revision)));

        Endpoints = new ConformanceEndpoints(
            Endpoint(names.System),
            Endpoint(names.Bc),
            Endpoint(names.Scratch),
            new Dictionary<string, string> { ["0010"] = names.App, ["0020"] = names.App, ["0030"] = names.App, ["9990"] = names.App });
    }

    public async Task DisposeAsync()
    {
        if (created.Count == 0)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        var failures = new List<string>();
        foreach (var name in created)
        {
            try
            {
                await ExecuteAsync("master", SqlServerFixtureScripts.DropDatabase, ("@name", name));
            }
            catch (SqlException ex)
            {
                failures.Add($"{name}: {ex.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Could not drop the scratch databases: " + string.Join("; ", failures));
        }
    }

    private static CmEndpoint Endpoint(string database)
    {
        var builder = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = database };
        return CmEndpoint.Parse(EndpointParser.SqlServerPrefix + builder.ConnectionString);
    }

    private static async Task ExecuteAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        var builder = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = database, Pooling = false };
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

/// <summary>
/// The T-SQL the SQL Server fixture runs, as constants so that Sql/ScriptDomTests parses it too.
/// Every script is one batch (no GO) and takes its names as parameters.
/// </summary>
public static class SqlServerFixtureScripts
{
    public const string CreateDatabase = """
        DECLARE @sql nvarchar(max) = N'CREATE DATABASE ' + QUOTENAME(@name) + N';';
        EXEC sys.sp_executesql @sql;
        """;

    public const string DropDatabase = """
        IF DB_ID(@name) IS NOT NULL
        BEGIN
            DECLARE @quoted nvarchar(300) = QUOTENAME(@name);
            DECLARE @single nvarchar(max) = N'ALTER DATABASE ' + @quoted + N' SET SINGLE_USER WITH ROLLBACK IMMEDIATE;';
            DECLARE @drop nvarchar(max) = N'DROP DATABASE ' + @quoted + N';';
            BEGIN TRY
                EXEC sys.sp_executesql @single;
            END TRY
            BEGIN CATCH
                -- Azure SQL has no SINGLE_USER; the pools were cleared, so the DROP can still go through.
                DECLARE @ignored int = ERROR_NUMBER();
            END CATCH;
            EXEC sys.sp_executesql @drop;
        END;
        """;

    /// <summary>A minimal Dynamics SL system database: the Company table with the columns discovery reads.</summary>
    public const string SlSystemSchema = """
        CREATE TABLE dbo.Company (
            Active smallint NOT NULL,
            CpnyID char(10) NOT NULL,
            CpnyName char(30) NOT NULL,
            DatabaseName char(30) NOT NULL,
            tstamp timestamp NOT NULL,
            CONSTRAINT Company0 PRIMARY KEY CLUSTERED (CpnyID));
        INSERT INTO dbo.Company (Active, CpnyID, CpnyName, DatabaseName) VALUES
            (1, '0010', 'Contoso Manufacturing', @app),
            (1, '0020', 'Fabrikam Services', @app),
            (1, '0030', 'Northwind Traders', @app),
            (0, '9990', 'Closed Holdings (inactive)', @app);
        """;

    /// <summary>A minimal Business Central database: Company and NAV App Installed App with the columns discovery reads.</summary>
    public const string BcSchema = """
        CREATE TABLE [dbo].[Company] (
            [timestamp] rowversion NOT NULL,
            [Name] nvarchar(30) NOT NULL,
            [Evaluation Company] tinyint NOT NULL DEFAULT 0,
            [Display Name] nvarchar(250) NOT NULL,
            [$systemId] uniqueidentifier NOT NULL DEFAULT NEWID(),
            CONSTRAINT [Company$Key1] PRIMARY KEY CLUSTERED ([Name]));
        CREATE TABLE [dbo].[NAV App Installed App] (
            [timestamp] rowversion NOT NULL,
            [App ID] uniqueidentifier NOT NULL,
            [Package ID] uniqueidentifier NOT NULL DEFAULT NEWID(),
            [Name] nvarchar(250) NOT NULL,
            [Publisher] nvarchar(250) NOT NULL,
            [Version Major] int NOT NULL,
            [Version Minor] int NOT NULL,
            [Version Build] int NOT NULL,
            [Version Revision] int NOT NULL,
            CONSTRAINT [NAV App Installed App$Key1] PRIMARY KEY CLUSTERED ([App ID]));
        INSERT INTO [dbo].[Company] ([Name], [Evaluation Company], [Display Name]) VALUES
            (N'0010', 0, N'Contoso Manufacturing'),
            (N'0020', 0, N'Fabrikam Services'),
            (N'0030', 0, N'Northwind Traders'),
            (N'CRONUS USA, Inc.', 1, N'CRONUS USA, Inc.');
        INSERT INTO [dbo].[NAV App Installed App] ([App ID], [Name], [Publisher], [Version Major], [Version Minor], [Version Build], [Version Revision]) VALUES
            ('63ca2fa4-4f03-4f2b-a480-172fef340d3f', N'System Application', N'Microsoft', @major, @minor, @build, @revision),
            ('437dbf0e-84ff-417a-965d-ed2bb9650972', N'Base Application', N'Microsoft', @major, @minor, @build, @revision),
            ('58623bfa-0559-4bc2-ae1c-0979c29fd9e0', N'Intelligent Cloud Base', N'Microsoft', @major, @minor, @build, @revision),
            (@slAppId, @slAppName, @slAppPublisher, @major, @minor, @build, @revision);
        """;

    /// <summary>Every script above by name, for the ScriptDom parse test.</summary>
    public static IReadOnlyList<(string Name, string Text)> All { get; } =
    [
        (nameof(CreateDatabase), CreateDatabase),
        (nameof(DropDatabase), DropDatabase),
        (nameof(SlSystemSchema), SlSystemSchema),
        (nameof(BcSchema), BcSchema),
    ];
}
