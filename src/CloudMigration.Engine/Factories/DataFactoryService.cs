using System.Security;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories.Azure;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// What the factory and integration runtime cmdlets call: registering factories, picking one by load,
/// and managing IRs, their keys and nodes — local factories and Azure data factories alike, behind IDataFactory.
/// </summary>
/// <param name="store">The factory store.</param>
/// <param name="log">Verbose text (Azure requests, factories passed over).</param>
/// <param name="prompt">What the user must see to sign in (device code).</param>
public sealed partial class DataFactoryService(FactoryStore store, Action<string>? log = null, Action<string>? prompt = null)
{
    private readonly LocalFactoryRegistry registry = new(store);
    private readonly AzureFactoryRegistry azure = new(store) { Log = log, Prompt = prompt };

    public FactoryStore Store => store;

    /// <summary>Registers an Azure data factory by resource id, after reading it once with the given sign-in.</summary>
    public Task<DataFactoryInfo> RegisterAzureAsync(string resourceId, AzureSignIn signIn, Uri? endpoint, string? pinnedCertificateSha256, bool replace, CancellationToken cancellationToken) =>
        azure.RegisterAsync(resourceId, signIn, endpoint, pinnedCertificateSha256, replace, cancellationToken);

    public Task<DataFactoryInfo> RegisterLocalAsync(string name, CancellationToken cancellationToken) => registry.RegisterAsync(name, cancellationToken);

    /// <summary>Whether the factory is a local one of this store (its nodes run in PowerShell processes).</summary>
    public bool IsLocal(string factory) => store.Read(db => FactoryRows.Find(db, factory) is not null);

    /// <summary>Unregisters a local factory (with everything in it) or forgets an Azure one (the factory in Azure stays).</summary>
    public Task UnregisterAsync(string name, bool force, CancellationToken cancellationToken) =>
        azure.Unregister(name) ? Task.CompletedTask : registry.UnregisterAsync(name, force, cancellationToken);

    /// <summary>The factories whose name matches one of <paramref name="names"/> (wildcards; none: all), and exact names not found.</summary>
    public async Task<(IReadOnlyList<DataFactoryInfo> Factories, IReadOnlyList<string> Unmatched)> ListAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var all = await AllInfosAsync(cancellationToken).ConfigureAwait(false);
        var patterns = names.Select(n => new NamePattern(n)).ToArray();
        var matched = patterns.Length == 0 ? all : all.Where(f => patterns.Any(p => p.IsMatch(f.Name))).ToList();
        return (matched, NamePattern.Unmatched(names, all, f => [f.Name]));
    }

    /// <summary>The named factory, or the load balancer's pick among all registered ones (with its reason).</summary>
    public async Task<(IDataFactory Factory, string Reason)> ResolveAsync(string? name, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(name))
        {
            var factory = await OpenAsync(name, cancellationToken).ConfigureAwait(false);
            return (factory, $"'{factory.Name}' was named with -Factory.");
        }

        var choice = LoadBalancer.Choose(await AllInfosAsync(cancellationToken).ConfigureAwait(false));
        return (await OpenAsync(choice.Factory.Name, cancellationToken).ConfigureAwait(false), choice.Reason);
    }

    /// <summary>The factory by name, local or Azure; <c>FactoryNotFound</c> when neither is registered.</summary>
    public async Task<IDataFactory> OpenAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return azure.Find(name) is { } registration
            ? azure.Open(registration)
            : await registry.OpenAsync((await registry.GetAsync(name, cancellationToken).ConfigureAwait(false)).Name, cancellationToken).ConfigureAwait(false);
    }

    // Local factories with their load, and Azure factories read from Azure (one that cannot be reached is Unhealthy, with why).
    private async Task<IReadOnlyList<DataFactoryInfo>> AllInfosAsync(CancellationToken cancellationToken)
    {
        var all = new List<DataFactoryInfo>(await registry.ListAsync(cancellationToken).ConfigureAwait(false));
        foreach (var registration in azure.All())
        {
            all.Add(await azure.InfoAsync(registration, cancellationToken).ConfigureAwait(false));
        }

        return all.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Creates the IR (idempotent) in the named factory or the least-loaded healthy one; returns it with its keys.</summary>
    public async Task<CreatedIntegrationRuntime> CreateIntegrationRuntimeAsync(string? factory, string name, string? description, CancellationToken cancellationToken)
    {
        AdfNames.RequireRuntimeName(name);
        var kind = factory is not null && azure.Contains(factory) ? "Azure" : "Local";
        Telemetry.Telemetry.Emit(TelemetryEvents.IntegrationRuntimeCreating, ("factoryKind", kind));
        var existing = await FindIntegrationRuntimeAsync(factory, name, required: false, cancellationToken).ConfigureAwait(false);
        var (target, reason) = existing is { } found
            ? (found.Factory, $"'{found.Factory.Name}' already has the integration runtime '{name}'.")
            : await ResolveAsync(factory, cancellationToken).ConfigureAwait(false);
        var runtime = await target.CreateIntegrationRuntimeAsync(name, description, cancellationToken).ConfigureAwait(false);
        using var keys = await target.GetIntegrationRuntimeKeysAsync(name, cancellationToken).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.IntegrationRuntimeCreated, ("factoryKind", target.Kind), ("state", runtime.State), ("existed", existing is not null));
        return new CreatedIntegrationRuntime
        {
            IntegrationRuntime = runtime,
            AuthKey1 = keys.AuthKey1.Copy(),
            AuthKey2 = keys.AuthKey2.Copy(),
            FactoryChoice = reason,
        };
    }

    /// <summary>IRs whose name matches (wildcards; none: all), in the named factory or in every factory.</summary>
    public async Task<(IReadOnlyList<IntegrationRuntimeInfo> Runtimes, IReadOnlyList<string> Unmatched)> ListIntegrationRuntimesAsync(string? factory, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var all = new List<IntegrationRuntimeInfo>();
        foreach (var f in await FactoriesAsync(factory, cancellationToken).ConfigureAwait(false))
        {
            all.AddRange(await SkipUnreachableAsync(f, factory, () => f.ListIntegrationRuntimesAsync(cancellationToken), []).ConfigureAwait(false));
        }

        var patterns = names.Select(n => new NamePattern(n)).ToArray();
        var matched = patterns.Length == 0 ? all : all.Where(r => patterns.Any(p => p.IsMatch(r.Name))).ToList();
        return (matched, NamePattern.Unmatched(names, all, r => [r.Name]));
    }

    public async Task<IntegrationRuntimeKeys> GetKeysAsync(string? factory, string name, CancellationToken cancellationToken)
    {
        var (target, _) = (await FindIntegrationRuntimeAsync(factory, name, required: true, cancellationToken).ConfigureAwait(false))!.Value;
        return await target.GetIntegrationRuntimeKeysAsync(name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IntegrationRuntimeKeys> RegenerateKeyAsync(string? factory, string name, string keyName, CancellationToken cancellationToken)
    {
        var (target, _) = (await FindIntegrationRuntimeAsync(factory, name, required: true, cancellationToken).ConfigureAwait(false))!.Value;
        return await target.RegenerateIntegrationRuntimeKeyAsync(name, keyName, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveIntegrationRuntimeAsync(string? factory, string name, bool force, CancellationToken cancellationToken)
    {
        var (target, _) = (await FindIntegrationRuntimeAsync(factory, name, required: true, cancellationToken).ConfigureAwait(false))!.Value;
        await target.DeleteIntegrationRuntimeAsync(name, force, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers this machine as a node of the IR the key belongs to: of a local factory in this store, or of an Azure
    /// factory through Microsoft Integration Runtime's dmgcmd (Windows; elsewhere NodeRegistrationNotSupported says what to install).
    /// </summary>
    public async Task<NodeRegistration> RegisterNodeAsync(SecureString authKey, string? nodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        // A key of an Azure factory: registered here as one, or not made by a local factory (ADF's keys name a region, not "local").
        if (IntegrationRuntimeAuthKeyShape(authKey) is { } owner && (azure.Contains(owner.Factory) || !owner.Local))
        {
            return await MicrosoftIntegrationRuntime.RegisterNodeAsync(authKey, nodeName, owner.Factory, owner.RuntimeId, cancellationToken).ConfigureAwait(false);
        }

        var node = await new IntegrationRuntimeNodeService(store).RegisterAsync(authKey, nodeName, IntegrationRuntimeNodeService.DefaultMaxConcurrentJobs, cancellationToken).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.NodeRegistered, ("maxConcurrentJobs", node.MaxConcurrentJobs));
        return node;
    }

    // The factory and IR id a key names (its shape only; no secret), or null when it is not a key's shape.
    private static (string Factory, string RuntimeId, bool Local)? IntegrationRuntimeAuthKeyShape(SecureString authKey)
    {
        var bytes = SecureStrings.ToUtf8(authKey);
        var chars = System.Text.Encoding.UTF8.GetChars(bytes);
        try
        {
            return IntegrationRuntimeAuthKey.TryParse(chars, out var runtimeId, out var factory)
                ? (factory, runtimeId, chars.AsSpan().IndexOf("@" + IntegrationRuntimeAuthKey.Location + "@", StringComparison.Ordinal) > 0)
                : null;
        }
        finally
        {
            SecureStrings.Clear(bytes);
            Array.Clear(chars);
        }
    }

    private async Task<IReadOnlyList<IDataFactory>> FactoriesAsync(string? factory, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(factory))
        {
            return [await OpenAsync(factory, cancellationToken).ConfigureAwait(false)];
        }

        var result = new List<IDataFactory>();
        foreach (var info in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(await registry.OpenAsync(info.Name, cancellationToken).ConfigureAwait(false));
        }

        result.AddRange(azure.All().Select(azure.Open));
        return result;
    }

    // Looking through every factory, an Azure factory that cannot be reached is passed over (and said in the log); a named one fails.
    private async Task<T> SkipUnreachableAsync<T>(IDataFactory f, string? named, Func<Task<T>> call, T skipped)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (CmException ex) when (named is null && f.Kind == DataFactoryKind.Azure && ex.ErrorId != ErrorIds.IntegrationRuntimeNotFound)
        {
            log?.Invoke($"Skipped the Azure data factory '{f.Name}': {ex.Message}");
            return skipped;
        }
    }

    /// <summary>The factory holding the IR: the named one, or the only one that has it (two: name the factory).</summary>
    private async Task<(IDataFactory Factory, IntegrationRuntimeInfo Runtime)?> FindIntegrationRuntimeAsync(string? factory, string name, bool required, CancellationToken cancellationToken)
    {
        var hits = new List<(IDataFactory, IntegrationRuntimeInfo)>();
        foreach (var f in await FactoriesAsync(factory, cancellationToken).ConfigureAwait(false))
        {
            if (await SkipUnreachableAsync(f, factory, () => f.GetIntegrationRuntimeAsync(name, cancellationToken), null).ConfigureAwait(false) is { } runtime)
            {
                hits.Add((f, runtime));
            }
        }

        if (hits.Count > 1)
        {
            throw new CmException(ErrorIds.IntegrationRuntimeAmbiguous, CmErrorCategory.InvalidArgument,
                $"The integration runtime '{name}' exists in several factories ({string.Join(", ", hits.Select(h => h.Item1.Name))}).",
                "Name the factory with -Factory.", name);
        }

        if (hits.Count == 0 && required)
        {
            throw new CmException(ErrorIds.IntegrationRuntimeNotFound, CmErrorCategory.ObjectNotFound,
                factory is null ? $"No factory has an integration runtime '{name}'." : $"The factory '{factory}' has no integration runtime '{name}'.",
                "Run Get-CmIntegrationRuntime to list them, or create it with New-CmIntegrationRuntime.", name);
        }

        return hits.Count == 0 ? null : hits[0];
    }
}
