using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Factories.Azure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CloudMigration.ArmEmulator;

/// <summary>
/// A running emulator of the Azure Data Factory REST API: Kestrel on 127.0.0.1 over HTTPS with a certificate made at
/// start (clients pin <see cref="Thumbprint"/>), bearer token <see cref="Token"/>, ARM factories served from the local
/// factories of <see cref="StorePath"/>. Dispose to stop it (and the nodes it hosts).
/// </summary>
public sealed class ArmEmulatorHost : IAsyncDisposable
{
    /// <summary>The subscription <see cref="FactoryId"/> uses (any subscription reaches the same factories).</summary>
    public const string DefaultSubscription = "00000000-0000-0000-0000-00000000c0de";

    private readonly WebApplication app;
    private readonly EmulatorState state;
    private readonly X509Certificate2 certificate;
    private readonly CancellationTokenSource stopping;
    private readonly string? ownedFolder;

    private ArmEmulatorHost(WebApplication app, EmulatorState state, X509Certificate2 certificate, CancellationTokenSource stopping, string token, string? ownedFolder)
    {
        this.app = app;
        this.state = state;
        this.certificate = certificate;
        this.stopping = stopping;
        this.ownedFolder = ownedFolder;
        Token = token;
        Thumbprint = EmulatorCertificate.Sha256Thumbprint(certificate);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    /// <summary>https://127.0.0.1:port/</summary>
    public Uri BaseUri { get; }

    /// <summary>The SHA-256 thumbprint (hex) of the emulator's certificate.</summary>
    public string Thumbprint { get; }

    /// <summary>The bearer token every request must carry.</summary>
    public string Token { get; }

    public string StorePath => state.Store.Path;

    public FactoryStore Store => state.Store;

    /// <summary>The faults to inject into coming requests.</summary>
    public FaultInjector Faults => state.Faults;

    /// <summary>The ARM requests received, counted by operationId.</summary>
    public RequestLog Requests => state.Requests;

    public static async Task<ArmEmulatorHost> StartAsync(ArmEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ArmEmulatorOptions();
        string? ownedFolder = null;
        var storePath = options.StorePath;
        if (storePath is null)
        {
            ownedFolder = Path.Combine(Path.GetTempPath(), "cm-arm-emulator-" + Guid.NewGuid().ToString("N"));
            storePath = Path.Combine(ownedFolder, FactoryStore.DefaultFileName);
        }

        var token = options.Token ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var state = new EmulatorState(FactoryStore.Open(storePath), options);
        var certificate = EmulatorCertificate.Create();
        var stopping = new CancellationTokenSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var dispatcher = new ArmDispatcher(state, token, stopping.Token);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken);
        return new ArmEmulatorHost(app, state, certificate, stopping, token, ownedFolder);
    }

    /// <summary>The ARM id of factory <paramref name="name"/> in the default subscription and resource group.</summary>
    public AzureFactoryId FactoryId(string name) => AzureFactoryId.Create(DefaultSubscription, EmulatorState.DefaultResourceGroup, name);

    /// <summary>Client options that reach this emulator: its endpoint and pinned certificate.</summary>
    public AzureDataFactoryOptions ClientOptions() => new() { Endpoint = BaseUri, PinnedCertificateSha256 = Thumbprint };

    /// <summary>Registers a local factory (no error when it exists): the factory then exists in ARM for any subscription and group.</summary>
    public Task RegisterFactoryAsync(string name, CancellationToken cancellationToken = default) => state.RegisterAsync(name, cancellationToken);

    /// <summary>Registers a node of the IR the key belongs to, hosted in this process: it runs the factory's pipeline runs.</summary>
    public Task<NodeRegistration> RegisterNodeAsync(SecureString authKey, string nodeName, CancellationToken cancellationToken = default) =>
        state.Nodes.RegisterAsync(authKey, nodeName, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        await state.Nodes.DisposeAsync();
        certificate.Dispose();
        stopping.Dispose();
        if (ownedFolder is not null)
        {
            try
            {
                Directory.Delete(ownedFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
