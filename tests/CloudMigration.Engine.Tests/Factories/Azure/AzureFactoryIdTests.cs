using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories.Azure;

namespace CloudMigration.Engine.Tests.Factories.Azure;

public sealed class AzureFactoryIdTests
{
    private const string Subscription = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    [Theory]
    [InlineData("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-migration/providers/Microsoft.DataFactory/factories/cm-adf-01")]
    [InlineData("/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/rg-migration/PROVIDERS/microsoft.datafactory/FACTORIES/cm-adf-01/")]
    [InlineData("  subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/rg-migration/providers/Microsoft.DataFactory/factories/cm-adf-01 ")]
    public void An_id_parses_without_regard_to_case_and_prints_canonically(string text)
    {
        var id = AzureFactoryId.Parse(text);

        Assert.Equal((Subscription, "rg-migration", "cm-adf-01"), (id.Subscription, id.ResourceGroup, id.Name));
        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/rg-migration/providers/Microsoft.DataFactory/factories/cm-adf-01", id.ToString());
        Assert.Equal(AzureFactoryId.Create(Subscription, "RG-Migration", "CM-ADF-01"), id);
        Assert.Equal(AzureFactoryId.Create(Subscription, "RG-Migration", "CM-ADF-01").GetHashCode(), id.GetHashCode());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("cm-adf-01", "shape")]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.DataFactory/factories/cm-adf-01", "GUID")]
    [InlineData("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg./providers/Microsoft.DataFactory/factories/cm-adf-01", "resource group")]
    [InlineData("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.DataFactory/factories/cm--adf", "data factory name")]
    [InlineData("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.Sql/servers/cm-adf-01", "shape")]
    [InlineData("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.DataFactory/factories/cm-adf-01/pipelines/p", "shape")]
    public void A_bad_id_is_refused_with_a_stable_id_and_the_reason(string text, string reason)
    {
        var error = Expect.Error(ErrorIds.AzureFactoryIdInvalid, () => AzureFactoryId.Parse(text));

        Assert.Equal(CmErrorCategory.InvalidArgument, error.Category);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("/subscriptions/", error.RecommendedAction, StringComparison.Ordinal);
        Assert.False(AzureFactoryId.TryParse(text, out _));
    }
}
