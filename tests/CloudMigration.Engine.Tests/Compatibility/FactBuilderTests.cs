using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Products.BusinessCentral;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>The fact builder itself: the healthy facts are what the rule tests assume.</summary>
public sealed class FactBuilderTests
{
    [Fact]
    public void Healthy_sql_server_facts_have_three_companies_in_two_application_databases()
    {
        var context = FactBuilder.Healthy();
        Assert.Equal(["0010", "0020", "0030"], context.SelectedCompanies.Select(c => c.Id));
        Assert.Equal(["0010      ", "0020      ", "0030      "], context.SelectedCompanies.Select(c => c.RawId));
        Assert.Equal(["SLApp", "SLApp2"], context.SelectedApplicationDatabases);
        var source = Assert.IsType<Engine.Facts.SourceFacts>(context.Source);
        Assert.Equal(EndpointKind.SqlServer, source.Server.Kind);
        Assert.Equal(new Version(15, 0, 2000, 5), source.Server.ProductVersion);
        Assert.Equal("SLSystem", source.SystemDatabase.Name);
        Assert.All(source.ApplicationDatabases.Values, d => Assert.Equal(60, d.Tables.Count));
        Assert.All(source.ApplicationDatabases.Values.SelectMany(d => d.Tables.Values), t => Assert.True(t.ChangeTracked));
        // Source-level results name the server; destination-level ones the tenant database.
        Assert.Equal("tcp:sql01,1433", context.SourceTarget);
        Assert.Equal("BC", context.DestinationTarget);
    }

    [Fact]
    public void Healthy_destination_has_every_staging_table_of_the_three_companies()
    {
        var context = FactBuilder.Healthy();
        var destination = Assert.IsType<Engine.Facts.DestinationFacts>(context.Destination);
        Assert.Equal(["0010", "0020", "0030", "CRONUS USA, Inc."], destination.Companies.Select(c => c.Name));
        Assert.Equal(3 * 60, destination.Database.Tables.Count);
        var name = BcNaming.CompanyTable("0010", "SL GLTran Buffer", Guid.Parse("237981b4-9e3c-437c-9b92-988aae978e8f"));
        Assert.Equal("0010$SL GLTran Buffer$237981b4-9e3c-437c-9b92-988aae978e8f", name);
        Assert.NotNull(destination.Database.Table(name));
        Assert.NotNull(destination.Database.Table(name.ToUpperInvariant()));
        Assert.Equal("BC", context.DestinationTarget);
    }

    [Fact]
    public void Sqlite_facts_leave_sql_server_facts_null()
    {
        var context = FactBuilder.Sqlite().Build();
        var source = Assert.IsType<Engine.Facts.SourceFacts>(context.Source);
        Assert.Equal(EndpointKind.Sqlite, source.Server.Kind);
        Assert.False(source.Server.IsSqlServer);
        Assert.Null(source.Server.Edition);
        Assert.Null(source.Server.IsSysadmin);
        Assert.All(source.ApplicationDatabases.Values, d =>
        {
            Assert.Null(d.ChangeTracking);
            Assert.Null(d.CompatibilityLevel);
            Assert.Null(d.IsDbOwner);
            Assert.All(d.Tables.Values, t => Assert.Null(t.ChangeTracked));
        });
        Assert.Equal("SLSystem", context.SourceTarget);
    }

    [Fact]
    public void A_change_to_one_builder_leaves_a_new_builder_healthy()
    {
        var changed = FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { CompatibilityLevel = 100 }).Build();
        Assert.Equal(100, changed.Source!.ApplicationDatabase("SLApp")!.CompatibilityLevel);
        Assert.Equal(150, FactBuilder.Healthy().Source!.ApplicationDatabase("SLApp")!.CompatibilityLevel);
    }

    [Fact]
    public void An_unreachable_source_has_no_facts_and_no_selected_companies()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceError = ProviderError.Connecting(Engine.Errors.ErrorIds.ServerUnreachable, 53);
        var context = facts.Build();
        Assert.Null(context.Source);
        Assert.Empty(context.SelectedCompanies);
        Assert.False(context.SourceConnection.Connected);
        Assert.Equal(53, context.SourceConnection.ErrorNumber);
    }
}
