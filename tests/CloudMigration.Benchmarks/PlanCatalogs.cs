using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;

namespace CloudMigration.Benchmarks;

/// <summary>Catalogs already in memory, as the fact gatherers would have read them: no database is touched.</summary>
internal static class PlanCatalogs
{
    private static readonly string Folder = Path.GetTempPath();

    /// <summary>The default 60 SL tables for <paramref name="companies"/> companies, 10 per application database, every table change-tracked.</summary>
    public static PlanInput DefaultCatalog(int companies)
    {
        var catalog = SlCatalog.Default;
        var mappings = MappingSet.Default(catalog);
        var companyFacts = Enumerable.Range(0, companies).Select(i => new SlCompanyFacts
        {
            RawId = ("C" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).PadRight(10),
            RawName = "Company " + i,
            ApplicationDatabase = "SLApp" + (i / 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Active = true,
        }).ToArray();

        var databases = companyFacts.Select(c => c.ApplicationDatabase).Distinct().ToDictionary(
            name => name,
            name => Database(name, catalog.Tables.Select(t => SampleEnvironmentBuilder.SlSchema(t)), changeTracked: true),
            StringComparer.OrdinalIgnoreCase);
        // One object per distinct column, as FactReader shares them when it reads a database.
        var stagingColumns = catalog.Tables.ToDictionary(t => t.Name, t => SampleEnvironmentBuilder.BcSchema(t.BcTable,
            t.Fields.Select(f => new ColumnSchema(f.Name, f.BcSqlType)).ToArray(), t.PrimaryKey));
        var staging = companyFacts.SelectMany(c => catalog.Tables.Select(t =>
            stagingColumns[t.Name] with { Name = mappings.Mappings.First(m => m.SourceTable == t.Name).SqlName(c.Id) }));
        return Input(companyFacts, databases, Database("BusinessCentral", staging, changeTracked: false), mappings);
    }

    /// <summary>One company and a custom catalog of <paramref name="tables"/> tables of 20 columns each.</summary>
    public static (PlanInput Input, IReadOnlyList<TableMappingInput> Custom) CustomCatalog(int tables)
    {
        var company = new SlCompanyFacts { RawId = "0010      ", RawName = "Custom", ApplicationDatabase = "SLCustom", Active = true };
        var custom = Enumerable.Range(0, tables).Select(i => new TableMappingInput
        {
            SourceTable = "XT" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
            DestinationTable = "Custom XT" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
        }).ToArray();
        var mappings = MappingSet.Create(SlCatalog.Default, custom);
        var slColumns = Columns(sl: true);
        var bcColumns = SampleEnvironmentBuilder.BcSchema("shape", Columns(sl: false), ["CpnyID", "Key1"]);
        var sources = custom.Select(m => new TableSchema(m.SourceTable!, slColumns, ["CpnyID", "Key1"]));
        var destinations = mappings.Mappings.Where(m => m.IsCustom).Select(m => bcColumns with { Name = m.SqlName(company.Id) });
        var input = Input([company],
            new Dictionary<string, DatabaseFacts>(StringComparer.OrdinalIgnoreCase) { ["SLCustom"] = Database("SLCustom", sources, changeTracked: true) },
            Database("BusinessCentral", destinations, changeTracked: false), mappings);
        return (input, custom);
    }

    private static ColumnSchema[] Columns(bool sl) =>
    [
        new("CpnyID", sl ? "char(10)" : "nvarchar(10)"),
        .. Enumerable.Range(1, 9).Select(i => new ColumnSchema("Key" + i, sl ? "char(20)" : "nvarchar(20)")),
        .. Enumerable.Range(1, 5).Select(i => new ColumnSchema("Amount" + i, sl ? "float" : "decimal(38,20)")),
        .. Enumerable.Range(1, 5).Select(i => new ColumnSchema("Date" + i, sl ? "smalldatetime" : "datetime")),
    ];

    private static PlanInput Input(IReadOnlyList<SlCompanyFacts> companies, Dictionary<string, DatabaseFacts> databases, DatabaseFacts destination, MappingSet mappings)
    {
        var source = CmEndpoint.Parse("sqlserver:Server=tcp:bench,1433;Database=SLSystem;User ID=bench");
        var server = new ServerFacts { Kind = EndpointKind.SqlServer, ProductVersion = new Version(16, 0, 1000, 6), Edition = "Enterprise Edition (64-bit)" };
        return new PlanInput
        {
            Source = new SourceFacts
            {
                Endpoint = source,
                Server = server,
                SystemDatabase = new DatabaseFacts { Name = "SLSystem", Tables = new Dictionary<string, TableFacts>() },
                ApplicationDatabases = databases,
                Companies = companies,
            },
            Destination = new DestinationFacts
            {
                Endpoint = source.WithDatabase("BusinessCentral"),
                Server = server,
                Database = destination,
                Extensions = [],
                Companies = companies.Select(c => new DestinationCompany { Name = c.Id, DisplayName = c.Name, SqlName = c.Id, SystemId = null, Destination = source }).ToArray(),
            },
            Companies = companies,
            Mappings = mappings,
        };
    }

    private static DatabaseFacts Database(string name, IEnumerable<TableSchema> tables, bool changeTracked) => new()
    {
        Name = name,
        CompatibilityLevel = 150,
        ChangeTracking = changeTracked,
        RetentionPeriod = 3,
        RetentionUnits = "DAYS",
        Tables = tables.ToDictionary(t => t.Name, t => new TableFacts { Schema = t, RowCount = 100_000, SizeBytes = 40L * 1024 * 1024, ChangeTracked = changeTracked }, StringComparer.OrdinalIgnoreCase),
    };
}
