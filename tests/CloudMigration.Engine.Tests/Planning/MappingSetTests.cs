using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Tests.Discovery;

namespace CloudMigration.Engine.Tests.TablePlanning;

public sealed class MappingSetTests
{
    private static readonly SlCatalog Catalog = SlCatalog.Default;

    private static MappingSet Create(params TableMappingInput[] custom) => MappingSet.Create(Catalog, custom);

    private static TableMapping For(MappingSet set, string sourceTable) =>
        Assert.Single(set.Mappings, m => string.Equals(m.SourceTable, sourceTable, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void The_default_maps_the_60_catalog_tables_to_their_staging_tables()
    {
        var set = MappingSet.Default(Catalog);

        Assert.Equal(60, set.Mappings.Count);
        Assert.Equal(Catalog.Tables.Select(t => t.Name), set.Mappings.Select(m => m.SourceTable));
        Assert.Equal(Catalog.Tables.Select(t => t.BcTable), set.Mappings.Select(m => m.DestinationTable));
        Assert.All(set.Mappings, m =>
        {
            Assert.False(m.IsCustom);
            Assert.True(m.PerCompany);
            Assert.Equal(Guid.Parse(PlanFacts.AppId), m.AppId);
        });
        Assert.Equal("SL GLTran Buffer", For(set, "GLTran").DestinationTable);
        Assert.Equal(60, set.Mappings.Select(m => m.DestinationTable).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void No_custom_mapping_gives_the_default()
    {
        var set = Create();
        Assert.Equal(MappingSet.Default(Catalog).Mappings, set.Mappings);
    }

    [Fact]
    public void A_custom_mapping_overrides_the_default_of_its_source_table_whatever_the_case()
    {
        var set = Create(new TableMappingInput { SourceTable = "gltran", DestinationTable = "SL GLTran" });

        Assert.Equal(60, set.Mappings.Count);
        var mapping = For(set, "GLTran");
        Assert.Equal("SL GLTran", mapping.DestinationTable);
        Assert.True(mapping.IsCustom);
        Assert.True(mapping.PerCompany);
        Assert.Equal(Catalog.App.Id, mapping.AppId);
        Assert.DoesNotContain(set.Mappings, m => m.DestinationTable == "SL GLTran Buffer");
        Assert.Equal(59, set.Mappings.Count(m => !m.IsCustom));
    }

    [Fact]
    public void A_custom_mapping_to_a_default_destination_replaces_that_default()
    {
        var set = Create(new TableMappingInput { SourceTable = "XGLTran", DestinationTable = "sl gltran buffer" });

        Assert.Equal(60, set.Mappings.Count);
        Assert.DoesNotContain(set.Mappings, m => m.SourceTable == "GLTran");
        var mapping = For(set, "XGLTran");
        Assert.Equal("sl gltran buffer", mapping.DestinationTable);
        Assert.True(mapping.IsCustom);
    }

    [Fact]
    public void A_custom_mapping_to_a_new_table_is_added_after_the_defaults()
    {
        var set = Create(new TableMappingInput { SourceTable = " XCustom ", DestinationTable = " SL XCustom " });

        Assert.Equal(61, set.Mappings.Count);
        var last = set.Mappings[^1];
        Assert.Equal(new TableMapping("XCustom", "SL XCustom", true, Catalog.App.Id, IsCustom: true), last);
        Assert.Equal(60, set.Mappings.Count(m => !m.IsCustom));
    }

    [Fact]
    public void The_same_custom_mapping_given_twice_is_taken_once()
    {
        var input = new TableMappingInput { SourceTable = "XCustom", DestinationTable = "SL XCustom" };
        var set = Create(input, new TableMappingInput { SourceTable = "xcustom", DestinationTable = "SL XCUSTOM" });

        Assert.Equal(61, set.Mappings.Count);
        Assert.Equal("SL XCUSTOM", For(set, "XCustom").DestinationTable);
    }

    [Fact]
    public void Two_custom_mappings_into_one_destination_are_refused_with_the_destination_as_target()
    {
        var ex = Assert.Throws<CmException>(() => Create(
            new TableMappingInput { SourceTable = "XOne", DestinationTable = "SL Shared" },
            new TableMappingInput { SourceTable = "XTwo", DestinationTable = "sl shared" }));

        CmAssert.Error(ex, ErrorIds.TableMappingDuplicateDestination, CmErrorCategory.InvalidArgument);
        Assert.Equal("sl shared", ex.TargetObject);
        Assert.Contains("XOne", ex.Message, StringComparison.Ordinal);
        Assert.Contains("XTwo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_custom_mappings_into_a_default_destination_are_refused()
    {
        // The first replaces the default feeding 'SL Account'; the second clashes with the first.
        var ex = Assert.Throws<CmException>(() => Create(
            new TableMappingInput { SourceTable = "XAccount", DestinationTable = "SL Account" },
            new TableMappingInput { SourceTable = "YAccount", DestinationTable = "SL Account" }));

        CmAssert.Error(ex, ErrorIds.TableMappingDuplicateDestination, CmErrorCategory.InvalidArgument);
        Assert.Equal("SL Account", ex.TargetObject);
    }

    [Fact]
    public void A_destination_of_another_app_or_shared_by_companies_is_another_destination()
    {
        var other = Guid.Parse("11111111-2222-3333-4444-555555555555");
        var set = Create(
            new TableMappingInput { SourceTable = "XAccount", DestinationTable = "SL Account", AppId = other },
            new TableMappingInput { SourceTable = "YAccount", DestinationTable = "SL Account", PerCompany = false });

        Assert.Equal(62, set.Mappings.Count);
        Assert.Equal("SL Account", For(set, "Account").DestinationTable);
        Assert.Equal(other, For(set, "XAccount").AppId);
        Assert.False(For(set, "YAccount").PerCompany);
    }

    [Theory]
    [InlineData(null, "SL X", "SourceTable")]
    [InlineData("", "SL X", "SourceTable")]
    [InlineData("   ", "SL X", "SourceTable")]
    [InlineData("X", null, "DestinationTable")]
    [InlineData("X", "", "DestinationTable")]
    [InlineData("X", "\t", "DestinationTable")]
    public void A_mapping_without_a_name_is_invalid(string? source, string? destination, string missing)
    {
        var ex = Assert.Throws<CmException>(() => Create(
            new TableMappingInput { SourceTable = "XOk", DestinationTable = "SL XOk" },
            new TableMappingInput { SourceTable = source, DestinationTable = destination }));

        CmAssert.Error(ex, ErrorIds.TableMappingInvalid, CmErrorCategory.InvalidArgument);
        Assert.Contains("Mapping 2 lacks " + missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerCompany_false_names_the_destination_without_a_company()
    {
        var set = Create(new TableMappingInput { SourceTable = "XShared", DestinationTable = "SL XShared", PerCompany = false });

        var mapping = For(set, "XShared");
        Assert.False(mapping.PerCompany);
        Assert.Equal("SL XShared$" + PlanFacts.AppId, mapping.SqlName("0010"));
        Assert.Equal(mapping.SqlName("0010"), mapping.SqlName("CRONUS USA, Inc."));
    }

    [Fact]
    public void The_app_id_of_a_mapping_is_honoured_in_the_sql_name()
    {
        var appId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        var set = Create(new TableMappingInput { SourceTable = "XCustom", DestinationTable = "Custom Table", AppId = appId });

        var mapping = For(set, "XCustom");
        Assert.Equal(appId, mapping.AppId);
        Assert.Equal("0010$Custom Table$aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", mapping.SqlName("0010"));
    }

    [Fact]
    public void The_sql_name_replaces_what_business_central_does_not_keep()
    {
        var mapping = new TableMapping("X", "SL A.B/C\\D\"E", PerCompany: true, Catalog.App.Id, IsCustom: true);
        Assert.Equal("Fab_Inc_ West_$SL A_B_C_D_E$" + PlanFacts.AppId, mapping.SqlName("Fab.Inc/ West\\"));
        Assert.Equal("SL A_B_C_D_E$" + PlanFacts.AppId, (mapping with { PerCompany = false }).SqlName("Fab.Inc"));
        Assert.Equal("0010$SL GLTran Buffer$" + PlanFacts.AppId, For(MappingSet.Default(Catalog), "GLTran").SqlName("0010"));
    }
}
