using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

public sealed partial class AzureDataFactory
{
    /// <summary>
    /// PUT of a self-hosted IR (ADF keeps the keys and nodes of an existing one). With no description an existing IR is
    /// returned untouched (a PUT would clear its description); with one, the PUT sets it.
    /// </summary>
    public async Task<IntegrationRuntimeInfo> CreateIntegrationRuntimeAsync(string name, string? description, CancellationToken cancellationToken)
    {
        AdfNames.RequireRuntimeName(name);
        if (description is null && await GetIntegrationRuntimeAsync(name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var call = RuntimeCall($"create the integration runtime '{name}'", name);
        var resource = (await client.SendAsync(AdfRequest.Put(RuntimePath(name), AdfRuntimeJson.Definition(description)), call, cancellationToken)
            .ConfigureAwait(false)).Json(call);
        return await StatusAsync(name, resource, cancellationToken).ConfigureAwait(false)
            ?? throw AzureErrors.InvalidResponse(call, $"the integration runtime '{name}' was created but its status could not be read.");
    }

    /// <summary>GET of the IR, then getStatus; null when the IR does not exist.</summary>
    public async Task<IntegrationRuntimeInfo?> GetIntegrationRuntimeAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var call = RuntimeCall($"read the integration runtime '{name}'", name);
        var resource = await client.SendOrNullAsync(AdfRequest.Get(RuntimePath(name)), call, cancellationToken).ConfigureAwait(false);
        return resource is null ? null : await StatusAsync(name, resource.Json(call), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The factory's self-hosted IRs with their status (Azure and managed IRs are not listed: no node runs on them).</summary>
    public async Task<IReadOnlyList<IntegrationRuntimeInfo>> ListIntegrationRuntimesAsync(CancellationToken cancellationToken)
    {
        var resources = await client.ListAsync("/integrationRuntimes", new AdfCall("list the integration runtimes"), cancellationToken).ConfigureAwait(false);
        var result = new List<IntegrationRuntimeInfo>();
        foreach (var resource in resources.Where(IsSelfHosted))
        {
            if (AdfJsonValues.String(resource, "name") is { } name
                && await StatusAsync(name, resource, cancellationToken).ConfigureAwait(false) is { } info)
            {
                result.Add(info);
            }
        }

        return result;
    }

    /// <summary>listAuthKeys, read into SecureStrings. Dispose the result when done.</summary>
    public async Task<IntegrationRuntimeKeys> GetIntegrationRuntimeKeysAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var call = RuntimeCall($"read the keys of the integration runtime '{name}'", name);
        return await KeysAsync(name, AdfRequest.Post(RuntimePath(name) + "/listAuthKeys"), call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>regenerateAuthKey of authKey1 or authKey2 (<c>AuthKeyNameInvalid</c> otherwise, before any request).</summary>
    public async Task<IntegrationRuntimeKeys> RegenerateIntegrationRuntimeKeyAsync(string name, string keyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var canonical = IntegrationRuntimeAuthKey.CanonicalKeyName(keyName)
            ?? throw new CmException(ErrorIds.AuthKeyNameInvalid, CmErrorCategory.InvalidArgument,
                $"'{keyName}' is not a key name: an integration runtime has the keys authKey1 and authKey2.",
                "Name the key to regenerate: authKey1 or authKey2.", keyName);
        var call = RuntimeCall($"regenerate {canonical} of the integration runtime '{name}'", name);
        var request = AdfRequest.Post(RuntimePath(name) + "/regenerateAuthKey", new JsonObject { ["keyName"] = canonical });
        var exchange = await client.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        var keys = ReadKeys(exchange, call);
        if (keys.Count == 2)
        {
            return Keys(name, keys);
        }

        // ADF may answer with the new key only: read both.
        DisposeAll(keys);
        return await GetIntegrationRuntimeKeysAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// DELETE of the IR; a missing one is no error. ADF refuses while a linked service refers to it
    /// (<c>IntegrationRuntimeInUse</c>), and Azure has no way to force it: <paramref name="force"/> changes only the advice.
    /// </summary>
    public Task DeleteIntegrationRuntimeAsync(string name, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var call = RuntimeCall($"delete the integration runtime '{name}'", name) with
        {
            InUseId = ErrorIds.IntegrationRuntimeInUse,
            InUseAction = force
                ? "Azure Data Factory deletes no integration runtime that a linked service uses, even with -Force: delete the pipelines, datasets and linked services that use it first."
                : "Delete the pipelines, datasets and linked services that use it first (in that order).",
        };
        return client.DeleteAsync(RuntimePath(name), call, cancellationToken);
    }

    private async Task<IntegrationRuntimeInfo?> StatusAsync(string name, JsonObject resource, CancellationToken cancellationToken)
    {
        var call = RuntimeCall($"read the status of the integration runtime '{name}'", name);
        var status = await client.SendOrNullAsync(AdfRequest.Post(RuntimePath(name) + "/getStatus"), call, cancellationToken).ConfigureAwait(false);
        return status is null ? null : AdfRuntimeJson.Info(Name, resource, status.Json(call));
    }

    private async Task<IntegrationRuntimeKeys> KeysAsync(string name, AdfRequest request, AdfCall call, CancellationToken cancellationToken)
    {
        var keys = ReadKeys(await client.SendAsync(request, call, cancellationToken).ConfigureAwait(false), call);
        if (keys.Count == 2)
        {
            return Keys(name, keys);
        }

        DisposeAll(keys);
        throw AzureErrors.InvalidResponse(call, "the answer does not hold both authKey1 and authKey2.");
    }

    private static Dictionary<string, System.Security.SecureString> ReadKeys(AdfExchange exchange, AdfCall call)
    {
        try
        {
            return AdfAuthKeys.Read(exchange.Body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw AzureErrors.InvalidResponse(call, "the keys are not JSON.", ex);
        }
        finally
        {
            SecureStrings.Clear(exchange.Body);
        }
    }

    private IntegrationRuntimeKeys Keys(string name, Dictionary<string, System.Security.SecureString> keys) => new()
    {
        Factory = Name,
        IntegrationRuntime = name,
        AuthKey1 = keys[IntegrationRuntimeAuthKey.AuthKey1],
        AuthKey2 = keys[IntegrationRuntimeAuthKey.AuthKey2],
    };

    private static void DisposeAll(Dictionary<string, System.Security.SecureString> keys)
    {
        foreach (var key in keys.Values)
        {
            key.Dispose();
        }
    }

    private static bool IsSelfHosted(JsonObject resource) =>
        string.Equals(AdfJsonValues.String(AdfJsonValues.Object(resource, "properties"), "type"), AdfRuntimeJson.SelfHosted, StringComparison.OrdinalIgnoreCase);

    private static string RuntimePath(string name) => "/integrationRuntimes/" + AdfRequest.Segment(name);

    private static AdfCall RuntimeCall(string what, string name) => new(what, name) { NotFoundId = ErrorIds.IntegrationRuntimeNotFound };
}
