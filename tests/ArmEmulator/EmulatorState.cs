using System.Collections.Concurrent;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.ArmEmulator;

/// <summary>
/// What the emulator serves from: the factory store (ARM factory f is the store's local factory f, whatever the
/// subscription and resource group), the node hosts running pipeline runs, the request log and the fault rules.
/// </summary>
internal sealed class EmulatorState(FactoryStore store, ArmEmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, (string Subscription, string ResourceGroup)> seen = new(StringComparer.OrdinalIgnoreCase);

    public FactoryStore Store { get; } = store;

    public ArmEmulatorOptions Options { get; } = options;

    public LocalFactoryRegistry Registry { get; } = new(store);

    public EmulatorNodes Nodes { get; } = new(store, options.NodePollInterval);

    public RequestLog Requests { get; } = new();

    public FaultInjector Faults { get; } = new();

    /// <summary>The local factory of the route's ARM factory; FactoryNotFound unless it is registered (or auto-registration is on).</summary>
    public async Task<LocalDataFactory> OpenFactoryAsync(ArmRoute route, CancellationToken cancellationToken)
    {
        var name = route.Factory ?? throw new InvalidOperationException("The route names no factory.");
        seen[name] = (route.Subscription, route.ResourceGroup ?? DefaultResourceGroup);
        try
        {
            return await Registry.OpenAsync(name, cancellationToken);
        }
        catch (CmException ex) when (ex.ErrorId == ErrorIds.FactoryNotFound && Options.AutoRegisterFactories && AdfNames.IsValidFactoryOrRuntimeName(name))
        {
            await RegisterAsync(name, cancellationToken);
            return await Registry.OpenAsync(name, cancellationToken);
        }
    }

    /// <summary>Registers the local factory (no error when it exists).</summary>
    public async Task RegisterAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await Registry.RegisterAsync(name, cancellationToken);
        }
        catch (CmException ex) when (ex.ErrorId == ErrorIds.FactoryExists)
        {
        }
    }

    /// <summary>Where a factory was last addressed (for the subscription-wide list), or the defaults.</summary>
    public (string Subscription, string ResourceGroup) WhereIs(string factory, string subscription) =>
        seen.TryGetValue(factory, out var where) ? where : (subscription, DefaultResourceGroup);

    public const string DefaultResourceGroup = "cm-emulator";
}
