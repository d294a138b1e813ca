using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Compatibility.Integration;

/// <summary>What the fact readers find in the SQLite sample: declared types, keys, sizes, and no change tracking.</summary>
public sealed class FactGatheringTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static readonly SqliteProvider Provider = SqliteProvider.Instance;

    private CmEndpoint Endpoint(string database) => fixture.Sample.Source.WithDatabase(database);

    private static async Task<DatabaseFacts> ReadAsync(CmEndpoint endpoint, params string[] tables)
    {
        await using var connection = await Provider.OpenAsync(endpoint, write: false, CancellationToken.None);
        return await FactReader.ReadDatabaseAsync(connection, Provider, endpoint, endpoint.Database, tables, CancellationToken.None);
    }

    [Fact]
    public async Task An_sl_table_is_read_with_its_sl_types_and_primary_key()
    {
        var site = Integration.Table("Site");
        var facts = await ReadAsync(Endpoint(Integration.MainApp), "Site", "GLTran", "NoSuchTable");

        Assert.Equal(["GLTran", "Site"], facts.Tables.Keys.Order(StringComparer.Ordinal));
        var table = facts.Table("site"); // case-insensitive lookup
        Assert.NotNull(table);
        Assert.Equal("Site", table.Name);
        Assert.Equal(["SiteId"], table.Schema.PrimaryKey);

        // Every catalog field in order with the SL type, then the rowversion column.
        Assert.Equal(site.Fields.Select(f => f.Name).Append("tstamp"), table.Schema.Columns.Select(c => c.Name));
        Assert.Equal(site.Fields.Select(f => f.SlSqlType).Append("timestamp"), table.Schema.Columns.Select(c => c.SqlType));
        Assert.Equal("char(60)", table.Column("Addr1")!.SqlType);
        Assert.Equal("float", table.Column("IRDaysSupply")!.SqlType);
        Assert.Equal("smalldatetime", table.Column("Crtd_DateTime")!.SqlType);
        Assert.Equal("int", table.Column("NoteID")!.SqlType);
        Assert.Equal("smallint", table.Column("AlwaysShip")!.SqlType);
        Assert.All(table.Schema.Columns, c => Assert.False(c.Nullable, c.Name));

        Assert.Equal(["Module", "BatNbr", "LineNbr"], facts.Table("GLTran")!.Schema.PrimaryKey);
    }

    [Fact]
    public async Task A_staging_table_is_read_with_its_business_central_types_and_primary_key()
    {
        var site = Integration.Table("Site");
        var name = Integration.StagingTable("0020", "Site");
        Assert.Equal("0020$SL Site$" + Integration.MigrationAppId, name);
        var facts = await ReadAsync(Endpoint(SampleEnvironmentBuilder.DestinationDatabase), name, Integration.StagingTable("0020", "GLTran"));

        var table = Assert.IsType<TableFacts>(facts.Table(name));
        Assert.Equal(["SiteId"], table.Schema.PrimaryKey);
        Assert.Equal("rowversion", table.Schema.Columns[0].SqlType);
        Assert.Equal("nvarchar(60)", table.Column("Addr1")!.SqlType);
        Assert.Equal("decimal(38,20)", table.Column("IRDaysSupply")!.SqlType);
        Assert.Equal("datetime", table.Column("Crtd_DateTime")!.SqlType);
        Assert.Equal("int", table.Column("NoteID")!.SqlType);
        Assert.Equal("tinyint", table.Column("AlwaysShip")!.SqlType);
        Assert.Equal("uniqueidentifier", table.Column("$systemId")!.SqlType);
        Assert.Equal(site.Fields.Select(f => f.BcSqlType), site.Fields.Select(f => table.Column(f.Name)!.SqlType));

        var glTran = facts.Table(Integration.StagingTable("0020", "GLTran"));
        Assert.NotNull(glTran);
        Assert.Equal(["Module", "BatNbr", "LineNbr"], glTran.Schema.PrimaryKey);
    }

    [Fact]
    public async Task Table_names_match_without_regard_to_case_as_sqlite_resolves_them()
    {
        // SQLite (like SQL Server under SL's case-insensitive collation) finds table PJCode as pjcode or PJCODE.
        var facts = await ReadAsync(Endpoint(Integration.MainApp), "pjcode", "SITE");

        Assert.Equal(["PJCode", "Site"], facts.Tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["code_type", "code_value"], facts.Table("PJCODE")!.Schema.PrimaryKey);
        Assert.Equal(["SiteId"], facts.Table("site")!.Schema.PrimaryKey);
    }

    [Fact]
    public async Task Sqlite_reports_a_file_size_and_no_change_tracking()
    {
        var endpoint = Endpoint(Integration.MainApp);
        var facts = await ReadAsync(endpoint, SlCatalog.Default.Tables.Select(t => t.Name).ToArray());

        Assert.Equal(Integration.MainApp, facts.Name);
        Assert.True(facts.SizeBytes > 0);
        Assert.Equal(new FileInfo(endpoint.FilePath!).Length, facts.SizeBytes);
        Assert.Null(facts.ChangeTracking);
        Assert.Null(facts.Retention);
        Assert.Null(facts.CompatibilityLevel);
        Assert.Null(facts.Collation);
        Assert.Null(facts.IsDbOwner);
        Assert.Equal(60, facts.Tables.Count);
        Assert.All(facts.Tables.Values, t =>
        {
            Assert.Null(t.ChangeTracked);
            Assert.Null(t.SizeBytes);
            Assert.Null(t.RowCount);
            Assert.Empty(t.LargestValues);
        });
    }

    [Fact]
    public async Task No_table_list_reads_the_database_and_no_table()
    {
        var facts = await ReadAsync(fixture.Sample.Source);
        Assert.Equal(SampleEnvironmentBuilder.SystemDatabase, facts.Name);
        Assert.True(facts.SizeBytes > 0);
        Assert.Empty(facts.Tables);
    }

    [Fact]
    public async Task The_server_facts_of_sqlite_are_its_version_and_nothing_else()
    {
        await using var connection = await Provider.OpenAsync(fixture.Sample.Source, write: false, CancellationToken.None);
        var server = await FactReader.ReadServerAsync(connection, Provider, fixture.Sample.Source, CancellationToken.None);

        Assert.Equal(EndpointKind.Sqlite, server.Kind);
        Assert.False(server.IsSqlServer);
        Assert.False(server.IsAzureSqlDatabase);
        Assert.Equal(3, server.ProductVersion?.Major);
        Assert.Null(server.Edition);
        Assert.Null(server.IsSysadmin);
        Assert.Null(server.LoginName);
        Assert.Null(server.NetTransport);
    }

    [Theory]
    [MemberData(nameof(Sql.ScriptDomTests.HostileNames), MemberType = typeof(Sql.ScriptDomTests))]
    public async Task A_table_with_a_hostile_name_is_found_exactly(string name)
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var hostile = new TableSchema(name, [new ColumnSchema(name, "char(10)"), new ColumnSchema("v", "nvarchar(50)")], [name]);
        Integration.Execute(copy, Integration.MainApp, SchemaScripts.CreateTable(SqliteDialect.Instance, hostile));
        var endpoint = copy.Endpoint(Integration.MainApp);

        var facts = await ReadAsync(endpoint, name, "Site");
        Assert.Equal(new[] { name, "Site" }.Order(StringComparer.Ordinal), facts.Tables.Keys.Order(StringComparer.Ordinal));
        var table = facts.Table(name)!;
        Assert.Equal(name, table.Name);
        Assert.Equal([name, "v"], table.Schema.Columns.Select(c => c.Name));
        Assert.Equal(["char(10)", "nvarchar(50)"], table.Schema.Columns.Select(c => c.SqlType));
        Assert.Equal([name], table.Schema.PrimaryKey);

        // A part of the name, or the name with more around it, names no table.
        var near = await ReadAsync(endpoint, name[..^1] + "\u00a7", "x", "y", name + " ", "\"" + name + "\"");
        Assert.Empty(near.Tables);
    }

    [Fact]
    public async Task The_source_gatherer_reads_companies_version_segments_and_only_the_selected_databases()
    {
        var source = fixture.Sample.Source;
        await using var connection = await Provider.OpenAsync(source, write: false, CancellationToken.None);
        var result = await new SourceFactGatherer(SlCatalog.Default).GatherAsync(connection, source, new CompanyQuery { Names = ["0010"] }, _ => { }, CancellationToken.None);

        Assert.Equal(["0010", "0020", "0030", "9990"], result.Facts.Companies.Select(c => c.Id));
        Assert.Equal("0010      ", result.Facts.Companies[0].RawId); // char(10) padding kept
        Assert.Equal(["0010"], result.Selected.Select(c => c.Id));
        Assert.Equal(10, result.Facts.SlMajorVersion);
        Assert.Contains("MajorVersion=10", result.Facts.SlVersionText, StringComparison.Ordinal);
        Assert.Equal([Integration.MainApp], result.Facts.ApplicationDatabases.Keys);
        Assert.Equal(60, result.Facts.ApplicationDatabase(Integration.MainApp)!.Tables.Count);
        Assert.Equal(4, result.Facts.SubaccountSegments[Integration.MainApp]);
        Assert.Empty(result.Facts.ApplicationDatabaseProblems);
        Assert.Equal(SampleEnvironmentBuilder.SystemDatabase, result.Facts.SystemDatabase.Name);
    }

    [Fact]
    public async Task The_destination_gatherer_reads_the_named_staging_tables_only()
    {
        var destination = fixture.Sample.Destination;
        await using var connection = await Provider.OpenAsync(destination, write: false, CancellationToken.None);
        var mappings = Planning.MappingSet.Default(SlCatalog.Default).Mappings;
        var tables = new[] { "0010", "0030", "none" }.SelectMany(c => mappings.Select(m => m.SqlName(c)));
        var facts = await new DestinationFactGatherer().GatherAsync(connection, destination, tables, CancellationToken.None);

        Assert.Equal(["0010", "0020", "0030", "CRONUS USA, Inc."], facts.Companies.Select(c => c.Name));
        Assert.Equal(4, facts.Extensions.Count);
        Assert.Single(facts.Extensions, e => e.IsMigrationExtension);
        Assert.Equal(2 * 60, facts.Database.Tables.Count);
        Assert.All(facts.Database.Tables.Keys, k => Assert.True(k.StartsWith("0010$", StringComparison.Ordinal) || k.StartsWith("0030$", StringComparison.Ordinal), k));
        Assert.Equal(SampleEnvironmentBuilder.DestinationDatabase, facts.Database.Name);
    }
}
