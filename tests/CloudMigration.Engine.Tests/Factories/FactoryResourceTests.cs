using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class FactoryResourceTests
{
    [Fact]
    public async Task Put_Get_List_round_trip_the_ADF_json_with_its_name()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01");

        var pipeline = await new LocalDataFactory(temp.OpenAgain(), factory.Name).GetResourceAsync(FactoryResourceKind.Pipeline, "prepare", default);

        Assert.Equal("Prepare", pipeline!["name"]!.GetValue<string>());
        Assert.Equal("Lookup", pipeline["properties"]!["activities"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(["Companies"], await factory.ListResourcesAsync(FactoryResourceKind.Dataset, default));
        Assert.Equal(["SlSource"], await factory.ListResourcesAsync(FactoryResourceKind.LinkedService, default));
        Assert.Null(await factory.GetResourceAsync(FactoryResourceKind.Pipeline, "Missing", default));
    }

    [Fact]
    public async Task Put_replaces_and_does_not_change_the_callers_json()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        var definition = AdfJson.SqlServerLinkedService(null, "first-password");
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", definition, default);
        definition["properties"]!["typeProperties"]!["connectionString"] = "Data Source=sl02";

        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", definition, default);

        Assert.Equal("first-password", definition["properties"]!["typeProperties"]!["password"]!["value"]!.GetValue<string>());
        Assert.False(definition.ContainsKey("name"));
        var stored = await factory.GetResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default);
        Assert.Equal("Data Source=sl02", stored!["properties"]!["typeProperties"]!["connectionString"]!.GetValue<string>());
        Assert.Single(await factory.ListResourcesAsync(FactoryResourceKind.LinkedService, default));
    }

    [Fact]
    public async Task Put_goes_through_the_resource_validator()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();

        await Expect.ErrorAsync(ErrorIds.ResourceNameInvalid, () => factory.PutResourceAsync(FactoryResourceKind.Pipeline, "1st", AdfJson.ScriptPipeline("X"), default));
        await Expect.ErrorAsync(ErrorIds.PipelineInvalid, () => factory.PutResourceAsync(FactoryResourceKind.Pipeline, "Empty", new JsonObject(), default));

        Assert.Empty(await factory.ListResourcesAsync(FactoryResourceKind.Pipeline, default));
    }

    [Fact]
    public async Task A_linked_service_via_a_missing_runtime_is_IntegrationRuntimeNotFound()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();

        await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeNotFound,
            () => factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", AdfJson.SqlServerLinkedService("cm-ir-none"), default));

        Assert.Empty(await factory.ListResourcesAsync(FactoryResourceKind.LinkedService, default));
    }

    [Fact]
    public async Task Delete_is_refused_while_referenced_and_works_in_ADFs_order()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01");

        var linked = await Expect.ErrorAsync(ErrorIds.ResourceInUse, () => factory.DeleteResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default));
        var dataset = await Expect.ErrorAsync(ErrorIds.ResourceInUse, () => factory.DeleteResourceAsync(FactoryResourceKind.Dataset, "Companies", default));
        Assert.Contains("Dataset 'Companies'", linked.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline 'Prepare'", dataset.Message, StringComparison.Ordinal);

        await factory.DeleteResourceAsync(FactoryResourceKind.Pipeline, "Prepare", default);
        await factory.DeleteResourceAsync(FactoryResourceKind.Dataset, "Companies", default);
        await factory.DeleteResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default);
        await factory.DeleteResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default);

        foreach (var kind in Enum.GetValues<FactoryResourceKind>())
        {
            Assert.Empty(await factory.ListResourcesAsync(kind, default));
        }
    }

    [Fact]
    public async Task A_pipeline_that_uses_a_linked_service_directly_holds_it()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factory);

        var ex = await Expect.ErrorAsync(ErrorIds.ResourceInUse, () => factory.DeleteResourceAsync(FactoryResourceKind.LinkedService, "BcDestination", default));

        Assert.Contains("Pipeline 'Finish'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_of_an_unregistered_factory_are_FactoryNotFound()
    {
        using var temp = new TempStore();
        var factory = new LocalDataFactory(temp.Store, "cm-nobody");

        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => factory.PutResourceAsync(FactoryResourceKind.Pipeline, "P", AdfJson.ScriptPipeline("X"), default));
        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => factory.ListResourcesAsync(FactoryResourceKind.Pipeline, default));
    }
}
