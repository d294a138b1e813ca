using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Discovery;

public sealed class ExtensionDiscoveryServiceTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static readonly Guid MigrationAppId = Guid.Parse("237981b4-9e3c-437c-9b92-988aae978e8f");

    private readonly ExtensionDiscoveryService service = new();

    private CmEndpoint Destination => fixture.Sample.Destination;

    [Fact]
    public async Task Installed_extensions_are_listed_in_name_order_with_publisher_and_version()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var extensions = await service.GetInstalledExtensionsAsync(Destination, [], CancellationToken.None);
        Assert.Equal(["Base Application", "Dynamics SL Migration", "Intelligent Cloud Base", "System Application"], extensions.Select(e => e.Name));
        Assert.All(extensions, e => Assert.Equal("Microsoft", e.Publisher));
        Assert.All(extensions, e => Assert.Equal(new Version(29, 0, 0, 0), e.Version));
        Assert.All(extensions, e => Assert.Same(Destination, e.Destination));
        Assert.Equal(4, extensions.Select(e => e.AppId).Distinct().Count());
        Assert.Contains(extensions, e => e.AppId == Guid.Parse("437dbf0e-84ff-417a-965d-ed2bb9650972") && e.Name == "Base Application");
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Only_the_dynamics_sl_migration_app_is_the_migration_extension()
    {
        var extensions = await service.GetInstalledExtensionsAsync(Destination, [], CancellationToken.None);
        var migration = Assert.Single(extensions, e => e.IsMigrationExtension);
        Assert.Equal(MigrationAppId, migration.AppId);
        Assert.Equal(SlCatalog.Default.App.Id, migration.AppId);
        Assert.Equal("Dynamics SL Migration", migration.Name);
        Assert.Equal(SlCatalog.Default.App.Version, migration.Version);
        Assert.Equal("Dynamics SL Migration 29.0.0.0", migration.ToString());
    }

    [Theory]
    [InlineData("Dynamics SL*", new[] { "Dynamics SL Migration" })]
    [InlineData("*application", new[] { "Base Application", "System Application" })]
    [InlineData("237981b4-9e3c-437c-9b92-988aae978e8f", new[] { "Dynamics SL Migration" })]
    [InlineData("237981B4-9E3C-437C-9B92-988AAE978E8F", new[] { "Dynamics SL Migration" })]
    [InlineData("Intelligent Cloud Base", new[] { "Intelligent Cloud Base" })]
    [InlineData("Nothing*", new string[0])]
    public async Task Names_filter_by_name_or_app_id(string pattern, string[] expected)
    {
        var extensions = await service.GetInstalledExtensionsAsync(Destination, [pattern], CancellationToken.None);
        Assert.Equal(expected, extensions.Select(e => e.Name));
    }

    [Fact]
    public async Task Version_parts_come_from_the_four_version_columns()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        copy.Execute("BusinessCentral", """
            UPDATE "NAV App Installed App" SET "Version Major" = 26, "Version Minor" = 5, "Version Build" = 31234, "Version Revision" = 7
            WHERE "Name" = 'Dynamics SL Migration';
            """);
        var extensions = await service.GetInstalledExtensionsAsync(copy.Destination, ["Dynamics SL Migration"], CancellationToken.None);
        var migration = Assert.Single(extensions);
        Assert.Equal(new Version(26, 5, 31234, 7), migration.Version);
        Assert.True(migration.IsMigrationExtension);
    }

    [Fact]
    public async Task Destination_pointed_at_the_sl_system_database_names_the_missing_installed_app_table()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetInstalledExtensionsAsync(fixture.Sample.Source, [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("'NAV App Installed App'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SLSystem", ex.Message, StringComparison.Ordinal);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Destination_without_the_installed_app_table_is_not_a_business_central_database()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        copy.Execute("BusinessCentral", "DROP TABLE \"NAV App Installed App\";");
        var before = FolderSnapshot.Take(copy.Folder);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetInstalledExtensionsAsync(copy.Destination, [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("'NAV App Installed App'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Business Central", ex.RecommendedAction, StringComparison.Ordinal);
        before.AssertUnchanged(copy.Folder);

        // The companies are still readable: only the extension listing needs that table.
        var companies = await new CompanyDiscoveryService().GetDestinationCompaniesAsync(copy.Destination, [], CancellationToken.None);
        Assert.Equal(4, companies.Companies.Count);
    }

    [Fact]
    public async Task Installed_app_table_without_version_columns_names_the_missing_columns()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        copy.Execute("BusinessCentral", "ALTER TABLE \"NAV App Installed App\" DROP COLUMN \"Version Revision\";");
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetInstalledExtensionsAsync(copy.Destination, [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("Version Revision", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_id_that_is_not_a_guid_is_a_clear_error()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        copy.Execute("BusinessCentral", """UPDATE "NAV App Installed App" SET "App ID" = 'not-a-guid' WHERE "Name" = 'Base Application';""");
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetInstalledExtensionsAsync(copy.Destination, [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("not a GUID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_sqlite_file_is_DatabaseNotFound_and_no_file_gets_created()
    {
        using var empty = PrivateSample.Empty();
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetInstalledExtensionsAsync(empty.Endpoint("BusinessCentral"), [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.DatabaseNotFound, CmErrorCategory.ObjectNotFound);
        Assert.Empty(Directory.GetFileSystemEntries(empty.Folder));
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_gives_a_clear_CmException_and_stays_untouched()
    {
        using var folder = PrivateSample.Empty();
        await File.WriteAllTextAsync(folder.PathOf("x"), new string('z', 4096));
        var before = FolderSnapshot.Take(folder.Folder);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetInstalledExtensionsAsync(folder.Endpoint("x"), [], CancellationToken.None));
        Assert.Equal(CmErrorCategory.InvalidData, ex.Category);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        CmAssert.NoRawProviderException(ex);
        before.AssertUnchanged(folder.Folder);
    }

    [Fact]
    public async Task Unreachable_sql_server_is_ServerUnreachable_and_the_password_appears_nowhere()
    {
        var endpoint = CmEndpoint.Parse(CompanyDiscoveryServiceTests.UnreachableServer);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetInstalledExtensionsAsync(endpoint, [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.ServerUnreachable, CmErrorCategory.ConnectionError);
        CmAssert.NoRawProviderException(ex);
        Assert.DoesNotContain(CompanyDiscoveryServiceTests.Sentinel, CmAssert.AllText(ex), StringComparison.Ordinal);
    }
}
