using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>
/// Builds a <see cref="CompatibilityContext"/> from facts, healthy by default, so that a test changes one fact
/// and sees one rule react. <see cref="SqlServer"/>: SQL Server 2019 Standard, sysadmin over TCP with a SQL
/// login, system database SLSystem, SLApp (companies 0010, 0020) and SLApp2 (0030), every mapped table present,
/// sized and change tracked; the destination has the migration extension 29.0.0.0, the BC companies 0010, 0020,
/// 0030 and CRONUS, and every staging table. <see cref="Sqlite"/>: the same data with what SQLite reports.
/// </summary>
internal sealed class FactBuilder
{
    public const string SystemDatabase = "SLSystem";
    public const string App = "SLApp";
    public const string App2 = "SLApp2";
    public const string TenantDatabase = "BC";
    public const string SourceLogin = "slmigration";
    public const string DestinationLogin = "bcmigration";

    private FactBuilder(bool sqlServer)
    {
        IsSqlServer = sqlServer;
        if (sqlServer)
        {
            SourceEndpoint = CmEndpoint.Parse("sqlserver:Server=tcp:sql01,1433;Database=SLSystem;User ID=" + SourceLogin);
            DestinationEndpoint = CmEndpoint.Parse("sqlserver:Server=tcp:bc01,1433;Database=BC;User ID=" + DestinationLogin);
            SourceServer = ServerSpec.SqlServer2019(SourceLogin);
            DestinationServer = ServerSpec.SqlServer2019(DestinationLogin);
        }
        else
        {
            SourceEndpoint = CmEndpoint.Parse(EndpointParser.SqlitePrefix + Path.Combine(Path.GetTempPath(), SystemDatabase + ".db"));
            DestinationEndpoint = CmEndpoint.Parse(EndpointParser.SqlitePrefix + Path.Combine(Path.GetTempPath(), TenantDatabase + ".db"));
            SourceServer = ServerSpec.Sqlite();
            DestinationServer = ServerSpec.Sqlite();
        }

        Companies = [SlFacts.Company("0010", App), SlFacts.Company("0020", App), SlFacts.Company("0030", App2)];
        SystemDatabaseFacts = Database(SystemDatabase, []);
        foreach (var name in new[] { App, App2 })
        {
            ApplicationDatabases[name] = Database(name, Catalog.Tables.Select(t => sqlServer ? SlFacts.SqlServerTable(t) : SlFacts.SqliteTable(t)));
            SubaccountSegments[name] = 4;
        }

        foreach (var company in Companies)
        {
            DestinationCompanies.Add(BcFacts.Company(DestinationEndpoint, company.Id));
            AddStagingTables(company.Id);
        }

        DestinationCompanies.Add(BcFacts.Company(DestinationEndpoint, BcFacts.Cronus));
        DestinationDatabase = Database(TenantDatabase, []);
        Extensions = [BcFacts.BaseApplication(DestinationEndpoint), BcFacts.MigrationExtension(DestinationEndpoint)];
    }

    public static SlCatalog Catalog => SlCatalog.Default;

    public bool IsSqlServer { get; }

    public CmEndpoint SourceEndpoint { get; set; }

    /// <summary>The Target of source-level results: the server, or the system database's name on SQLite.</summary>
    public string SourceTarget => SourceEndpoint.Kind == EndpointKind.Sqlite ? SourceEndpoint.Database : SourceEndpoint.Server;

    /// <summary>The Target of destination-level results: the tenant database's name.</summary>
    public string DestinationTarget => DestinationEndpoint.Database;

    public CmEndpoint DestinationEndpoint { get; set; }

    public ServerSpec SourceServer { get; set; }

    public ServerSpec DestinationServer { get; set; }

    public DatabaseFacts SystemDatabaseFacts { get; set; }

    public Dictionary<string, DatabaseFacts> ApplicationDatabases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> ApplicationDatabaseProblems { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every company of the SL Company table.</summary>
    public List<SlCompanyFacts> Companies { get; set; }

    /// <summary>The companies to check; null: every active company.</summary>
    public IReadOnlyList<SlCompanyFacts>? Selected { get; set; }

    public int? SlMajorVersion { get; set; } = 10;

    public string? SlVersionText { get; set; } = "MajorVersion=10, MinorVersion=0";

    public Dictionary<string, int> SubaccountSegments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tenant database without its tables (see <see cref="StagingTables"/>).</summary>
    public DatabaseFacts DestinationDatabase { get; set; }

    public Dictionary<string, TableFacts> StagingTables { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<InstalledExtension> Extensions { get; set; }

    public List<DestinationCompany> DestinationCompanies { get; } = [];

    public CompatibilityOptions Options { get; set; } = new();

    /// <summary>Set to make the source unreachable: no source facts, no companies selected.</summary>
    public CmException? SourceError { get; set; }

    public CmException? DestinationError { get; set; }

    public static FactBuilder SqlServer() => new(sqlServer: true);

    public static FactBuilder Sqlite() => new(sqlServer: false);

    public static CompatibilityContext Healthy() => SqlServer().Build();

    public CompatibilityContext Build()
    {
        var sourceReached = SourceError is null;
        var selected = Selected ?? Companies.Where(c => c.Active).ToArray();
        var source = !sourceReached ? null : new SourceFacts
        {
            Endpoint = SourceEndpoint,
            Server = SourceServer.ToFacts(),
            SystemDatabase = SystemDatabaseFacts,
            ApplicationDatabases = new Dictionary<string, DatabaseFacts>(ApplicationDatabases, StringComparer.OrdinalIgnoreCase),
            ApplicationDatabaseProblems = new Dictionary<string, string>(ApplicationDatabaseProblems, StringComparer.OrdinalIgnoreCase),
            Companies = Companies.ToArray(),
            SlMajorVersion = SlMajorVersion,
            SlVersionText = SlVersionText,
            SubaccountSegments = new Dictionary<string, int>(SubaccountSegments, StringComparer.OrdinalIgnoreCase),
        };
        var destination = DestinationError is not null ? null : new DestinationFacts
        {
            Endpoint = DestinationEndpoint,
            Server = DestinationServer.ToFacts(),
            Database = DestinationDatabase with { Tables = new Dictionary<string, TableFacts>(StagingTables, StringComparer.OrdinalIgnoreCase) },
            Extensions = Extensions.ToArray(),
            Companies = DestinationCompanies.ToArray(),
        };
        return new CompatibilityContext
        {
            Source = source,
            Destination = destination,
            SourceConnection = new ConnectionOutcome { Side = CompatibilityTargetType.Source, Endpoint = SourceEndpoint, Error = SourceError },
            DestinationConnection = new ConnectionOutcome { Side = CompatibilityTargetType.Destination, Endpoint = DestinationEndpoint, Error = DestinationError },
            SelectedCompanies = sourceReached ? selected : [],
            Catalog = Catalog,
            Options = Options,
        };
    }

    /// <summary>Replaces the facts of one application database.</summary>
    public FactBuilder ChangeDatabase(string database, Func<DatabaseFacts, DatabaseFacts> change)
    {
        ApplicationDatabases[database] = change(ApplicationDatabases[database]);
        return this;
    }

    /// <summary>Gives an application database another name, in the database facts and in its companies.</summary>
    public FactBuilder RenameApplicationDatabase(string from, string to)
    {
        ApplicationDatabases[to] = ApplicationDatabases[from] with { Name = to };
        ApplicationDatabases.Remove(from);
        SubaccountSegments[to] = SubaccountSegments[from];
        SubaccountSegments.Remove(from);
        Companies = Companies.Select(c => c.ApplicationDatabase == from ? SlFacts.Company(c.Id, to, c.Active) : c).ToList();
        return this;
    }

    /// <summary>Replaces the facts of one table of an application database.</summary>
    public FactBuilder ChangeTable(string database, string table, Func<TableFacts, TableFacts> change) =>
        ChangeDatabase(database, d => d with { Tables = SlFacts.ByName(d.Tables.Values.Select(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase) ? change(t) : t)) });

    public FactBuilder RemoveTable(string database, string table) =>
        ChangeDatabase(database, d => d with { Tables = SlFacts.ByName(d.Tables.Values.Where(t => !string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))) });

    /// <summary>Gives every mapped table of every application database the same size.</summary>
    public FactBuilder SetAllTableSizes(long? bytes)
    {
        foreach (var name in ApplicationDatabases.Keys.ToArray())
        {
            ChangeDatabase(name, d => d with { Tables = SlFacts.ByName(d.Tables.Values.Select(t => t with { SizeBytes = bytes })) });
        }

        return this;
    }

    /// <summary>Makes the mapped tables of the selection total <paramref name="bytes"/>: all of it in SLApp's GLTran.</summary>
    public FactBuilder SetSelectionSize(long bytes)
    {
        SetAllTableSizes(0);
        return ChangeTable(App, "GLTran", t => t with { SizeBytes = bytes });
    }

    public static string StagingTableName(string company, string slTable) => BcFacts.StagingTableName(company, SlTable(slTable));

    public FactBuilder ChangeStagingSchema(string company, string slTable, Func<TableSchema, TableSchema> change)
    {
        var name = StagingTableName(company, slTable);
        StagingTables[name] = StagingTables[name] with { Schema = change(StagingTables[name].Schema) };
        return this;
    }

    public FactBuilder RemoveStagingTable(string company, string slTable)
    {
        Assert.True(StagingTables.Remove(StagingTableName(company, slTable)));
        return this;
    }

    /// <summary>Adds the staging tables the extension creates for a company.</summary>
    public FactBuilder AddStagingTables(string company)
    {
        foreach (var table in Catalog.Tables)
        {
            var staging = BcFacts.StagingTable(company, table, IsSqlServer);
            StagingTables[staging.Name] = staging;
        }

        return this;
    }

    public static SlTable SlTable(string name) => Catalog.Tables.Single(t => t.Name == name);

    private DatabaseFacts Database(string name, IEnumerable<TableFacts> tables) =>
        IsSqlServer ? SlFacts.SqlServerDatabase(name, tables) : SlFacts.SqliteDatabase(name, tables);
}
