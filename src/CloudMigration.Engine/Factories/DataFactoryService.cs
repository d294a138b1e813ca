using System.Security;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// What the factory and integration runtime cmdlets call: registering factories, picking one by load,
/// and managing IRs, their keys and nodes. Local factories today; Azure factories come behind the same
/// IDataFactory later.
/// </summary>
public sealed class DataFactoryService(FactoryStore store)
{
    private readonly LocalFactoryRegistry registry = new(store);

    public FactoryStore Store => store;

    public Task<DataFactoryInfo> RegisterLocalAsync(string name, CancellationToken cancellationToken) => registry.RegisterAsync(name, cancellationToken);

    public Task UnregisterAsync(string name, bool force, CancellationToken cancellationToken) => registry.UnregisterAsync(name, force, cancellationToken);

    /// <summary>The factories whose name matches one of <paramref name="names"/> (wildcards; none: all), and exact names not found.</summary>
    public async Task<(IReadOnlyList<DataFactoryInfo> Factories, IReadOnlyList<string> Unmatched)> ListAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var all = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var patterns = names.Select(n => new NamePattern(n)).ToArray();
        var matched = patterns.Length == 0 ? all : all.Where(f => patterns.Any(p => p.IsMatch(f.Name))).ToList();
        return (matched, NamePattern.Unmatched(names, all, f => [f.Name]));
    }

    /// <summary>The named factory, or the load balancer's pick among all registered ones (with its reason).</summary>
    public async Task<(LocalDataFactory Factory, string Reason)> ResolveAsync(string? name, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(name))
        {
            var info = await registry.GetAsync(name, cancellationToken).ConfigureAwait(false);
            return (await registry.OpenAsync(info.Name, cancellationToken).ConfigureAwait(false), $"'{info.Name}' was named with -Factory.");
        }

        var choice = LoadBalancer.Choose(await registry.ListAsync(cancellationToken).ConfigureAwait(false));
        return (await registry.OpenAsync(choice.Factory.Name, cancellationToken).ConfigureAwait(false), choice.Reason);
    }

    /// <summary>Creates the IR (idempotent) in the named factory or the least-loaded healthy one; returns it with its keys.</summary>
    public async Task<CreatedIntegrationRuntime> CreateIntegrationRuntimeAsync(string? factory, string name, string? description, CancellationToken cancellationToken)
    {
        AdfNames.RequireRuntimeName(name);
        Telemetry.Telemetry.Emit(TelemetryEvents.IntegrationRuntimeCreating, ("factoryKind", "Local"));
        var existing = await FindIntegrationRuntimeAsync(factory, name, required: false, cancellationToken).ConfigureAwait(false);
        var (target, reason) = existing is { } found
            ? (found.Factory, $"'{found.Factory.Name}' already has the integration runtime '{name}'.")
            : await ResolveAsync(factory, cancellationToken).ConfigureAwait(false);
        var runtime = await target.CreateIntegrationRuntimeAsync(name, description, cancellationToken).ConfigureAwait(false);
        using var keys = await target.GetIntegrationRuntimeKeysAsync(name, cancellationToken).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.IntegrationRuntimeCreated, ("factoryKind", "Local"), ("state", runtime.State), ("existed", existing is not null));
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
            all.AddRange(await f.ListIntegrationRuntimesAsync(cancellationToken).ConfigureAwait(false));
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

    /// <summary>Registers this machine as a node of the IR the key belongs to.</summary>
    public async Task<NodeRegistration> RegisterNodeAsync(SecureString authKey, string? nodeName, CancellationToken cancellationToken)
    {
        var node = await new IntegrationRuntimeNodeService(store).RegisterAsync(authKey, nodeName, IntegrationRuntimeNodeService.DefaultMaxConcurrentJobs, cancellationToken).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.NodeRegistered, ("maxConcurrentJobs", node.MaxConcurrentJobs));
        return node;
    }

    private async Task<IReadOnlyList<LocalDataFactory>> FactoriesAsync(string? factory, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(factory))
        {
            var info = await registry.GetAsync(factory, cancellationToken).ConfigureAwait(false);
            return [await registry.OpenAsync(info.Name, cancellationToken).ConfigureAwait(false)];
        }

        var result = new List<LocalDataFactory>();
        foreach (var info in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(await registry.OpenAsync(info.Name, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>The factory holding the IR: the named one, or the only one that has it (two: name the factory).</summary>
    private async Task<(LocalDataFactory Factory, IntegrationRuntimeInfo Runtime)?> FindIntegrationRuntimeAsync(string? factory, string name, bool required, CancellationToken cancellationToken)
    {
        var hits = new List<(LocalDataFactory, IntegrationRuntimeInfo)>();
        foreach (var f in await FactoriesAsync(factory, cancellationToken).ConfigureAwait(false))
        {
            if (await f.GetIntegrationRuntimeAsync(name, cancellationToken).ConfigureAwait(false) is { } runtime)
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
