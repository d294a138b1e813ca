using System.Collections.Concurrent;
using Azure.Core;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Factories.Azure;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>
/// An ARM emulator started in-process with one registered factory, and an <see cref="AzureDataFactory"/> client for
/// it with test-sized retry delays and timeouts, whose verbose log is kept in <see cref="Log"/>.
/// </summary>
internal sealed class EmulatedFactory : IAsyncDisposable
{
    public const string FactoryName = "cm-azure-01";

    private readonly List<AzureDataFactory> clients = [];

    private EmulatedFactory(ArmEmulatorHost emulator) => Emulator = emulator;

    public ArmEmulatorHost Emulator { get; }

    /// <summary>The client under test.</summary>
    public AzureDataFactory Factory { get; private set; } = null!;

    /// <summary>Every line the clients wrote to their verbose log.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The same factory through the local engine: what the emulator really stored.</summary>
    public LocalDataFactory Local => new(Emulator.Store, FactoryName);

    public static async Task<EmulatedFactory> StartAsync(Action<AzureDataFactoryOptions>? configure = null, ArmEmulatorOptions? emulatorOptions = null)
    {
        var emulator = await ArmEmulatorHost.StartAsync(emulatorOptions);
        var emulated = new EmulatedFactory(emulator);
        await emulator.RegisterFactoryAsync(FactoryName);
        emulated.Factory = emulated.Client(configure);
        return emulated;
    }

    /// <summary>Another client of the emulator (its own options, credential or factory id).</summary>
    public AzureDataFactory Client(Action<AzureDataFactoryOptions>? configure = null, string? token = null, AzureFactoryId? id = null)
    {
        var options = Emulator.ClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(3);
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        options.OperationTimeout = TimeSpan.FromSeconds(60);
        options.RunLookupDelay = TimeSpan.FromMilliseconds(50);
        options.Log = Log.Enqueue;
        configure?.Invoke(options);
        var client = new AzureDataFactory(id ?? Emulator.FactoryId(FactoryName), Credential(token ?? Emulator.Token), options);
        clients.Add(client);
        return client;
    }

    public static TokenCredential Credential(string token) => new StaticTokenCredential(new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1)));

    /// <summary>Creates the IR through the client and registers a node of it hosted in the emulator.</summary>
    public async Task<NodeRegistration> NodeAsync(string runtime = "cm-ir-01", string node = "node-1")
    {
        await Factory.CreateIntegrationRuntimeAsync(runtime, "emulated", CancellationToken.None);
        using var keys = await Factory.GetIntegrationRuntimeKeysAsync(runtime, CancellationToken.None);
        return await Emulator.RegisterNodeAsync(keys.AuthKey1, node);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Emulator.DisposeAsync();
    }
}
