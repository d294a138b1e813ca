using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Tests.TablePlanning;

public sealed class DestinationTableNameTests
{
    private static readonly Guid AppId = Guid.Parse(PlanFacts.AppId);

    [Fact]
    public void A_per_company_name_splits_into_company_table_and_app()
    {
        var mapping = DestinationTableName.Parse("0010$SL GLTran Buffer$" + PlanFacts.AppId, "0010", "GLTran");

        Assert.Equal(new TableMapping("GLTran", "SL GLTran Buffer", PerCompany: true, AppId, IsCustom: true), mapping);
        Assert.Equal("0010$SL GLTran Buffer$" + PlanFacts.AppId, mapping!.SqlName("0010"));
    }

    [Fact]
    public void A_name_without_the_company_is_not_per_company()
    {
        var mapping = DestinationTableName.Parse("SL Shared$" + PlanFacts.AppId, "0010", "XShared");

        Assert.NotNull(mapping);
        Assert.False(mapping.PerCompany);
        Assert.Equal("SL Shared", mapping.DestinationTable);
        Assert.Equal(AppId, mapping.AppId);
        Assert.Equal("SL Shared$" + PlanFacts.AppId, mapping.SqlName("0010"));
    }

    [Theory]
    [InlineData("Fab.Inc/West", "Fab_Inc_West$SL Account$")]
    [InlineData("CRONUS USA, Inc.", "CRONUS USA, Inc_$SL Account$")]
    [InlineData("A$B", "A$B$SL Account$")]
    public void A_company_with_characters_business_central_replaces_is_recognised(string company, string prefix)
    {
        var mapping = DestinationTableName.Parse(prefix + PlanFacts.AppId, company, "Account");

        Assert.NotNull(mapping);
        Assert.True(mapping.PerCompany);
        Assert.Equal("SL Account", mapping.DestinationTable);
        Assert.Equal(prefix + PlanFacts.AppId, mapping.SqlName(company));
    }

    [Fact]
    public void A_table_name_with_a_dollar_keeps_it()
    {
        var mapping = DestinationTableName.Parse("0010$SL$Odd$" + PlanFacts.AppId, "0010", "X");
        Assert.Equal("SL$Odd", mapping!.DestinationTable);
        Assert.True(mapping.PerCompany);
    }

    [Theory]
    [InlineData("0010$SL Account$not-a-guid")]
    [InlineData("0010$SL Account")]
    [InlineData("0010$SL Account$")]
    [InlineData("$" + PlanFacts.AppId)]
    [InlineData(PlanFacts.AppId)]
    [InlineData("")]
    public void A_name_that_does_not_end_in_an_app_id_is_null(string sqlName)
    {
        Assert.Null(DestinationTableName.Parse(sqlName, "0010", "Account"));
    }

    [Fact]
    public void Every_default_mapping_reads_back_to_itself_for_every_kind_of_company()
    {
        foreach (var company in new[] { "0010", "CRONUS USA, Inc.", "Fab.Inc/West" })
        {
            foreach (var mapping in MappingSet.Default(SlCatalog.Default).Mappings)
            {
                var parsed = DestinationTableName.Parse(mapping.SqlName(company), company, mapping.SourceTable);
                Assert.Equal(mapping with { IsCustom = true }, parsed);
            }
        }
    }

    [Fact]
    public void Parse_checks_its_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => DestinationTableName.Parse(null!, "0010", "X"));
        Assert.Throws<ArgumentNullException>(() => DestinationTableName.Parse("x", null!, "X"));
    }
}
