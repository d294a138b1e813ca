using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>Destination-side facts: the migration extension, BC companies and their staging tables.</summary>
internal static class BcFacts
{
    public const string Cronus = "CRONUS USA, Inc.";

    public static SlCatalog Catalog => SlCatalog.Default;

    public static InstalledExtension MigrationExtension(CmEndpoint destination, Version? version = null, string publisher = "Microsoft") => new()
    {
        AppId = Catalog.App.Id,
        Name = Catalog.App.Name,
        Publisher = publisher,
        Version = version ?? Catalog.App.Version,
        IsMigrationExtension = true,
        Destination = destination,
    };

    public static InstalledExtension BaseApplication(CmEndpoint destination) => new()
    {
        AppId = Guid.Parse("437dbf0e-84ff-417a-965d-ed2bb9650972"),
        Name = "Base Application",
        Publisher = "Microsoft",
        Version = Catalog.App.Version,
        IsMigrationExtension = false,
        Destination = destination,
    };

    public static DestinationCompany Company(CmEndpoint destination, string name) => new()
    {
        Name = name,
        DisplayName = name,
        SqlName = BcNaming.SqlSafe(name),
        Destination = destination,
    };

    public static string StagingTableName(string company, SlTable table) => BcNaming.CompanyTable(company, table.BcTable, Catalog.App.Id);

    /// <summary>The staging table the extension creates for an SL table in a company.</summary>
    public static TableFacts StagingTable(string company, SlTable table, bool sqlServer) => new()
    {
        Schema = SampleEnvironmentBuilder.BcSchema(StagingTableName(company, table),
            table.Fields.Select(f => new ColumnSchema(f.Name, f.BcSqlType)).ToArray(), table.PrimaryKey),
        RowCount = 0,
        SizeBytes = sqlServer ? 64 * 1024 : null,
    };
}
