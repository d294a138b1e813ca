using System.Text.RegularExpressions;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories;

public sealed partial class IntegrationRuntimeTests
{
    [Fact]
    public async Task Create_is_a_PUT_it_keeps_keys_and_nodes_and_updates_only_a_given_description()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();

        var created = await factory.CreateIntegrationRuntimeAsync("cm-ir-01", "first", default);
        using var before = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        await new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(before.AuthKey1, "node-1");
        var same = await factory.CreateIntegrationRuntimeAsync("CM-IR-01", null, default);
        var described = await factory.CreateIntegrationRuntimeAsync("cm-ir-01", "second", default);
        using var after = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);

        Assert.Equal(IntegrationRuntimeState.NeedRegistration, created.State);
        Assert.Equal(("cm-ir-01", "first", "SelfHosted"), (same.Name, same.Description, same.Type));
        Assert.Equal("second", described.Description);
        Assert.Single(described.Nodes);
        Assert.Equal(Secure.Plain(before.AuthKey1), Secure.Plain(after.AuthKey1));
        Assert.Equal(Secure.Plain(before.AuthKey2), Secure.Plain(after.AuthKey2));
        Assert.Single(await factory.ListIntegrationRuntimesAsync(default));
    }

    [Fact]
    public async Task Keys_are_two_different_SecureStrings_in_ADF_shape()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync("cm-local-01");
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);

        using var keys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        var key1 = Secure.Plain(keys.AuthKey1);
        var key2 = Secure.Plain(keys.AuthKey2);

        Assert.True(keys.AuthKey1.IsReadOnly());
        Assert.Matches(KeyShape(), key1);
        Assert.Matches(KeyShape(), key2);
        Assert.NotEqual(key1, key2);
        Assert.Equal(key1.Split('@')[1], key2.Split('@')[1]);
        Assert.Equal(32, Convert.FromBase64String(key1.Split('@')[4]).Length);
        Assert.Equal(("cm-ir-01", "cm-local-01"), (keys.IntegrationRuntime, keys.Factory));
    }

    [Fact]
    public async Task Another_runtime_gets_other_keys()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await factory.CreateIntegrationRuntimeAsync("cm-ir-02", null, default);

        using var one = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        using var two = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-02", default);

        Assert.NotEqual(Secure.Plain(one.AuthKey1).Split('@')[1], Secure.Plain(two.AuthKey1).Split('@')[1]);
        Assert.NotEqual(Secure.Plain(one.AuthKey1), Secure.Plain(two.AuthKey1));
    }

    [Fact]
    public async Task Regenerate_replaces_only_the_named_key()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var before = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);

        using var after = await factory.RegenerateIntegrationRuntimeKeyAsync("cm-ir-01", "AUTHKEY2", default);

        Assert.Equal(Secure.Plain(before.AuthKey1), Secure.Plain(after.AuthKey1));
        Assert.NotEqual(Secure.Plain(before.AuthKey2), Secure.Plain(after.AuthKey2));
        Assert.Matches(KeyShape(), Secure.Plain(after.AuthKey2));
    }

    [Theory]
    [InlineData("authKey3")]
    [InlineData("")]
    [InlineData("key1")]
    public async Task Regenerate_of_another_key_name_is_AuthKeyNameInvalid(string keyName)
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);

        await Expect.ErrorAsync(ErrorIds.AuthKeyNameInvalid, () => factory.RegenerateIntegrationRuntimeKeyAsync("cm-ir-01", keyName, default));
    }

    [Fact]
    public async Task Unknown_runtimes_and_bad_names_are_refused()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();

        Assert.Null(await factory.GetIntegrationRuntimeAsync("cm-ir-01", default));
        await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeNotFound, () => factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default));
        await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeNotFound, () => factory.RegenerateIntegrationRuntimeKeyAsync("cm-ir-01", "authKey1", default));
        await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeNameInvalid, () => factory.CreateIntegrationRuntimeAsync("ir_1", null, default));
    }

    [Fact]
    public async Task Delete_is_refused_while_a_linked_service_connects_via_it_unless_forced()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", AdfJson.SqlServerLinkedService("cm-ir-01"), default);

        var ex = await Expect.ErrorAsync(ErrorIds.IntegrationRuntimeInUse, () => factory.DeleteIntegrationRuntimeAsync("cm-ir-01", force: false, default));
        Assert.Contains("'SlSource'", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(await factory.GetIntegrationRuntimeAsync("cm-ir-01", default));

        await factory.DeleteIntegrationRuntimeAsync("cm-ir-01", force: true, default);

        Assert.Null(await factory.GetIntegrationRuntimeAsync("cm-ir-01", default));
    }

    [Fact]
    public async Task Delete_of_an_unused_or_missing_runtime_succeeds()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "Elsewhere", AdfJson.SqlServerLinkedService(null), default);

        await factory.DeleteIntegrationRuntimeAsync("cm-ir-01", force: false, default);
        await factory.DeleteIntegrationRuntimeAsync("cm-ir-01", force: false, default);

        Assert.Empty(await factory.ListIntegrationRuntimesAsync(default));
    }

    [Fact]
    public async Task A_runtime_created_again_after_delete_has_new_keys()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var old = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        await factory.DeleteIntegrationRuntimeAsync("cm-ir-01", force: false, default);
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);

        await Expect.ErrorAsync(ErrorIds.AuthKeyInvalid, () => new IntegrationRuntimeNodeService(temp.Store).RegisterAsync(old.AuthKey1, "node-1"));
    }

    [GeneratedRegex("^IR@[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@cm-local-01@local@[A-Za-z0-9+/]{43}=$")]
    private static partial Regex KeyShape();
}
