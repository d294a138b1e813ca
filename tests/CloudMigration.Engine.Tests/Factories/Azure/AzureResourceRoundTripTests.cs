using System.Text.Json.Nodes;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>Linked services, datasets and pipelines through the ADF REST API (emulated): put, get, list (paged), delete, ADF's delete order.</summary>
public sealed class AzureResourceRoundTripTests
{
    private const string Runtime = "cm-ir-01";

    [Fact]
    public async Task Resources_round_trip_in_the_shape_the_local_factory_returns()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var factory = emulated.Factory;
        await factory.CreateIntegrationRuntimeAsync(Runtime, null, default);

        await AdfJson.PutPrepareAsync(factory, Runtime);

        foreach (var (kind, name) in new[] { (FactoryResourceKind.LinkedService, "SlSource"), (FactoryResourceKind.Dataset, "Companies"), (FactoryResourceKind.Pipeline, "Prepare") })
        {
            var remote = await factory.GetResourceAsync(kind, name.ToLowerInvariant(), default);
            var local = await emulated.Local.GetResourceAsync(kind, name, default);
            Assert.NotNull(remote);
            Assert.True(JsonNode.DeepEquals(local, remote), $"{kind} {name}: {remote.ToJsonString()} <> {local!.ToJsonString()}");
            Assert.Equal([name], await factory.ListResourcesAsync(kind, default));
        }

        Assert.Null(await factory.GetResourceAsync(FactoryResourceKind.Pipeline, "Missing", default));
        Assert.Contains(emulated.Emulator.Requests.Records, r => r.Operation == "Pipelines_Get" && r.Status == 404);
    }

    [Fact]
    public async Task Lists_follow_next_links_across_pages()
    {
        await using var emulated = await EmulatedFactory.StartAsync(emulatorOptions: new ArmEmulatorOptions { PageSize = 2 });
        await AdfJson.PutFinishAsync(emulated.Factory);
        var names = Enumerable.Range(1, 5).Select(i => $"Finish{i}").ToList();
        foreach (var name in names)
        {
            await emulated.Factory.PutResourceAsync(FactoryResourceKind.Pipeline, name, AdfJson.ScriptPipeline("BcDestination"), default);
        }

        var listed = await emulated.Factory.ListResourcesAsync(FactoryResourceKind.Pipeline, default);

        Assert.Equal(names.Append("Finish").Order(StringComparer.OrdinalIgnoreCase), listed);
        Assert.Equal(3, emulated.Emulator.Requests.Count("Pipelines_ListByFactory"));
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_as_pipeline_invalid_with_the_ADF_code()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var pipeline = new JsonObject { ["properties"] = new JsonObject { ["activities"] = new JsonArray(new JsonObject { ["name"] = "x", ["type"] = "NoSuchActivity" }) } };

        var error = await Expect.ErrorAsync(ErrorIds.PipelineInvalid, () => emulated.Factory.PutResourceAsync(FactoryResourceKind.Pipeline, "Broken", pipeline, default));

        Assert.Equal(CmErrorCategory.InvalidArgument, error.Category);
        Assert.Contains("HTTP 400 BadRequest", error.Message, StringComparison.Ordinal);
        Assert.Null(await emulated.Local.GetResourceAsync(FactoryResourceKind.Pipeline, "Broken", default));
    }

    [Fact]
    public async Task A_bad_resource_name_is_refused_before_any_request()
    {
        await using var emulated = await EmulatedFactory.StartAsync();

        await Expect.ErrorAsync(ErrorIds.ResourceNameInvalid, () => emulated.Factory.PutResourceAsync(FactoryResourceKind.Pipeline, "1-bad", AdfJson.LookupPipeline("x"), default));

        Assert.Empty(emulated.Emulator.Requests.Records);
    }

    [Fact]
    public async Task Deleting_something_referenced_is_refused_and_the_cleanup_deletes_in_ADF_order()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var factory = emulated.Factory;
        await factory.CreateIntegrationRuntimeAsync(Runtime, null, default);
        await AdfJson.PutPrepareAsync(factory, Runtime);

        var inUse = await Expect.ErrorAsync(ErrorIds.ResourceInUse, () => factory.DeleteResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default));
        var runtimeInUse = await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeInUse, () => factory.DeleteIntegrationRuntimeAsync(Runtime, force: true, default));

        Assert.Equal(CmErrorCategory.InvalidOperation, inUse.Category);
        Assert.Contains("HTTP 400 BadRequest", inUse.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be deleted since it is referenced", inUse.Message, StringComparison.Ordinal);
        Assert.Contains("even with -Force", runtimeInUse.RecommendedAction, StringComparison.Ordinal);
        Assert.NotNull(await factory.GetResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default));

        var deleted = await FactoryCleanup.DeleteAllAsync(factory, Runtime, default);

        Assert.Equal(3, deleted);
        foreach (var kind in FactoryCleanup.DeleteOrder)
        {
            Assert.Empty(await factory.ListResourcesAsync(kind, default));
        }

        Assert.Null(await factory.GetIntegrationRuntimeAsync(Runtime, default));
        // A missing resource deletes without error (ADF answers 204).
        await factory.DeleteResourceAsync(FactoryResourceKind.Pipeline, "Prepare", default);
        Assert.Contains(emulated.Emulator.Requests.Records, r => r.Operation == "Pipelines_Delete" && r.Status == 204);
    }
}
