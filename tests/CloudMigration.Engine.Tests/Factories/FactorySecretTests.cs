using System.Text;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class FactorySecretTests
{
    private const string Sentinel = "Sentinel-P4ss-7391-do-not-store";

    [Fact]
    public async Task The_store_files_never_hold_an_IR_key_or_a_linked_service_password_in_clear()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01", Sentinel);
        using var keys = await factory.RegenerateIntegrationRuntimeKeyAsync("cm-ir-01", "authKey2", default);
        var key1 = Secure.Plain(keys.AuthKey1);
        var key2 = Secure.Plain(keys.AuthKey2);

        var bytes = temp.FileBytes();

        Assert.True(bytes.Length > 0);
        foreach (var secret in new[] { Sentinel, key1, key2, key1.Split('@')[4], key2.Split('@')[4] })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
        }

        // The check above can fail: the same bytes do contain non-secret parts of the same rows.
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Initial Catalog=SLSystem")));
    }

    [Fact]
    public async Task GetResource_masks_secrets_like_ADF_and_the_runner_reads_them_in_clear()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await AdfJson.PutPrepareAsync(factory, "cm-ir-01", Sentinel);

        var shown = await factory.GetResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default);
        IPipelineResources resources = new StoreRunContext(temp.OpenAgain(), factory.Name, "run-1");
        var clear = resources.Get(FactoryResourceKind.LinkedService, "slsource");

        Assert.Equal("**********", shown!["properties"]!["typeProperties"]!["password"]!["value"]!.GetValue<string>());
        Assert.DoesNotContain(Sentinel, shown.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Sentinel, clear!["properties"]!["typeProperties"]!["password"]!["value"]!.GetValue<string>());
        Assert.Equal("SecureString", clear["properties"]!["typeProperties"]!["password"]!["type"]!.GetValue<string>());
        Assert.Null(resources.Get(FactoryResourceKind.LinkedService, "Missing"));
    }

    [Fact]
    public async Task Secrets_of_every_resource_kind_are_masked()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await AdfJson.PutFinishAsync(factory);

        var shown = await factory.GetResourceAsync(FactoryResourceKind.LinkedService, "BcDestination", default);

        Assert.Equal("**********", shown!["properties"]!["typeProperties"]!["connectionString"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_secret_copied_into_another_row_does_not_decrypt()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "One", AdfJson.SqlServerLinkedService(null, Sentinel), default);
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "Two", AdfJson.SqlServerLinkedService(null, "other-password"), default);
        temp.Store.Write(db => db.Execute(
            "UPDATE resources SET definition = (SELECT definition FROM resources WHERE name = 'One') WHERE name = 'Two';"));

        var ex = Expect.Error(ErrorIds.FactoryStoreUnavailable,
            () => new StoreRunContext(temp.Store, factory.Name, "run-1").Get(FactoryResourceKind.LinkedService, "Two"));

        Assert.DoesNotContain(Sentinel, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_read_for_the_runner_are_redacted_from_later_error_messages()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "One", AdfJson.SqlServerLinkedService(null, Sentinel), default);

        var ex = new CmException(ErrorIds.ProviderError, CmErrorCategory.ConnectionError, $"login failed with {Sentinel}", "none");

        Assert.DoesNotContain(Sentinel, ex.Message, StringComparison.Ordinal);
    }
}
