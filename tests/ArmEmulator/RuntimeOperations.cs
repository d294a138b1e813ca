using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>Self-hosted integration runtimes: create or update, get, list, delete, getStatus, listAuthKeys, regenerateAuthKey.</summary>
internal static class RuntimeOperations
{
    public static IEnumerable<ArmOperation> All =>
    [
        new("GET", "integrationRuntimes", "IntegrationRuntimes_ListByFactory", ListAsync),
        new("PUT", "integrationRuntimes/{}", "IntegrationRuntimes_CreateOrUpdate", PutAsync),
        new("GET", "integrationRuntimes/{}", "IntegrationRuntimes_Get", r => WithRuntimeAsync(r, info => ArmJson.Runtime(r.Route, info))),
        new("DELETE", "integrationRuntimes/{}", "IntegrationRuntimes_Delete", DeleteAsync),
        new("POST", "integrationRuntimes/{}/getStatus", "IntegrationRuntimes_GetStatus", r => WithRuntimeAsync(r, ArmJson.RuntimeStatus)),
        new("POST", "integrationRuntimes/{}/listAuthKeys", "IntegrationRuntimes_ListAuthKeys", ListKeysAsync),
        new("POST", "integrationRuntimes/{}/regenerateAuthKey", "IntegrationRuntimes_RegenerateAuthKey", RegenerateKeyAsync),
    ];

    private static async Task<ArmResult> ListAsync(ArmRequest request)
    {
        var factory = await request.FactoryAsync();
        var runtimes = await factory.ListIntegrationRuntimesAsync(request.CancellationToken);
        return Paging.List(request, [.. runtimes.Select(r => ArmJson.Runtime(request.Route, r))]);
    }

    private static async Task<ArmResult> PutAsync(ArmRequest request)
    {
        var properties = request.BodyObject["properties"] as JsonObject;
        var type = properties?["type"]?.GetValue<string>();
        if (!string.Equals(type, "SelfHosted", StringComparison.OrdinalIgnoreCase))
        {
            return ArmErrors.BadRequest($"The emulator serves self-hosted integration runtimes only; properties.type is '{type}'.");
        }

        var factory = await request.FactoryAsync();
        // A PUT replaces the properties: no description means an empty one (keys and nodes are kept, as in ADF).
        var runtime = await factory.CreateIntegrationRuntimeAsync(request.Name, properties!["description"]?.GetValue<string>() ?? string.Empty, request.CancellationToken);
        return ArmResult.Ok(ArmJson.Runtime(request.Route, runtime));
    }

    private static async Task<ArmResult> DeleteAsync(ArmRequest request)
    {
        var factory = await request.FactoryAsync();
        if (await factory.GetIntegrationRuntimeAsync(request.Name, request.CancellationToken) is null)
        {
            return ArmResult.NoContent();
        }

        await factory.DeleteIntegrationRuntimeAsync(request.Name, force: false, request.CancellationToken);
        return new ArmResult(200);
    }

    private static async Task<ArmResult> ListKeysAsync(ArmRequest request)
    {
        var factory = await request.FactoryAsync();
        using var keys = await factory.GetIntegrationRuntimeKeysAsync(request.Name, request.CancellationToken);
        return ArmResult.Ok(KeysJson(keys));
    }

    private static async Task<ArmResult> RegenerateKeyAsync(ArmRequest request)
    {
        var factory = await request.FactoryAsync();
        var keyName = request.BodyObject["keyName"]?.GetValue<string>() ?? string.Empty;
        using var keys = await factory.RegenerateIntegrationRuntimeKeyAsync(request.Name, keyName, request.CancellationToken);
        return ArmResult.Ok(KeysJson(keys));
    }

    private static async Task<ArmResult> WithRuntimeAsync(ArmRequest request, Func<IntegrationRuntimeInfo, JsonObject> answer)
    {
        var factory = await request.FactoryAsync();
        return await factory.GetIntegrationRuntimeAsync(request.Name, request.CancellationToken) is { } runtime
            ? ArmResult.Ok(answer(runtime))
            : ArmResult.Error(404, "NotFound", $"Integration runtime '{request.Name}' not found in the factory '{factory.Name}'.", request.Name);
    }

    // The emulator is a test double: the keys travel in clear in its answers, as ADF's do.
    private static JsonObject KeysJson(IntegrationRuntimeKeys keys) => new() { ["authKey1"] = Plain(keys.AuthKey1), ["authKey2"] = Plain(keys.AuthKey2) };

    private static string Plain(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
