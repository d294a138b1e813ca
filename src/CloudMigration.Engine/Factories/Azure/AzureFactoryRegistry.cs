using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// The Azure data factories registered in a <see cref="FactoryStore"/>: where each is (resource id, Resource Manager
/// endpoint) and how to sign in. Registering checks access first (the factory is read once), so a wrong id or sign-in
/// is refused before anything is stored.
/// </summary>
public sealed class AzureFactoryRegistry(FactoryStore store)
{
    /// <summary>Where verbose text (redacted by the client) goes.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Where device-code sign-in tells the user what to open and type (shown even without -Verbose).</summary>
    public Action<string>? Prompt { get; init; }

    /// <summary>Registers the factory under its own name (the last segment of the resource id), after reading it once.</summary>
    public async Task<DataFactoryInfo> RegisterAsync(string resourceId, AzureSignIn signIn, Uri? endpoint, string? pinnedCertificateSha256, bool replace,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var id = AzureFactoryId.Parse(resourceId);
        var registered = id.Name;
        AdfNames.RequireFactoryName(registered);
        var registration = new AzureFactoryRegistration
        {
            Name = registered,
            ResourceId = id.ToString(),
            Endpoint = endpoint ?? AzureDataFactoryOptions.DefaultEndpoint,
            PinnedCertificateSha256 = pinnedCertificateSha256,
            // An access token stays in this process; the store keeps only that one is needed.
            SignIn = signIn.Method == AzureSignInMethod.AccessToken ? new AzureSignIn { Method = signIn.Method, TenantId = signIn.TenantId } : signIn,
            Registered = store.Now,
        };

        store.Read(db =>
        {
            if (FactoryRows.Find(db, registered) is { } local)
            {
                throw Exists(local, "a local data factory");
            }

            if (!replace && AzureFactoryRows.Find(db, store, registered) is { } azure)
            {
                throw Exists(azure.Name, $"an Azure data factory ({azure.ResourceId})");
            }

            return 0;
        });

        var previousToken = AzureAccessTokens.Get(TokenKey(registered));
        if (signIn.Method == AzureSignInMethod.AccessToken)
        {
            AzureAccessTokens.Set(TokenKey(registered), signIn.Secret ?? throw new ArgumentException("An access token sign-in needs the token.", nameof(signIn)));
        }

        DataFactoryInfo info;
        try
        {
            using var factory = Open(registration);
            info = await factory.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A refused registration leaves the session as it was.
            if (previousToken is null)
            {
                AzureAccessTokens.Remove(TokenKey(registered));
            }
            else
            {
                AzureAccessTokens.Set(TokenKey(registered), previousToken);
            }

            throw;
        }

        store.Write(db =>
        {
            AzureFactoryRows.Delete(db, registered);
            AzureFactoryRows.Insert(db, store, registration);
        });
        return info;
    }

    public bool Contains(string name) => store.Read(db => AzureFactoryRows.Find(db, store, name) is not null);

    public AzureFactoryRegistration? Find(string name) => store.Read(db => AzureFactoryRows.Find(db, store, name));

    public IReadOnlyList<AzureFactoryRegistration> All() => store.Read(db => AzureFactoryRows.All(db, store));

    /// <summary>Forgets the registration (the factory in Azure is not touched); false when there was none.</summary>
    public bool Unregister(string name)
    {
        AzureAccessTokens.Remove(TokenKey(name));
        return store.Write(db => AzureFactoryRows.Delete(db, name)) > 0;
    }

    public AzureDataFactory Open(AzureFactoryRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var options = new AzureDataFactoryOptions { Endpoint = registration.Endpoint, PinnedCertificateSha256 = registration.PinnedCertificateSha256, Log = Log };
        return new AzureDataFactory(AzureFactoryId.Parse(registration.ResourceId), AzureCredentials.For(registration.Name, registration.SignIn, Prompt, TokenKey(registration.Name)), options);
    }

    /// <summary>How long reading one Azure factory's load may take when factories are listed or balanced.</summary>
    public static TimeSpan InfoTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The factory's load and health; one that cannot be reached (or does not answer within <see cref="InfoTimeout"/>) is
    /// Unhealthy with the reason, and the load balancer passes over it.
    /// </summary>
    public async Task<DataFactoryInfo> InfoAsync(AzureFactoryRegistration registration, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InfoTimeout);
        try
        {
            using var factory = Open(registration);
            return await factory.GetInfoAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CmException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new DataFactoryInfo
            {
                Name = registration.Name,
                Kind = DataFactoryKind.Azure,
                Location = string.Empty,
                ResourceId = registration.ResourceId,
                Health = FactoryHealth.Unhealthy,
                HealthReason = ex is CmException error ? $"Cannot be reached ({error.ErrorId}): {error.Message}" : $"Cannot be reached: no answer within {InfoTimeout.TotalSeconds:0} s.",
                Registered = registration.Registered,
            };
        }
    }

    // A session's token belongs to a factory of this store: two stores in one process may name different factories alike.
    private string TokenKey(string name) => store.Path + "\u001f" + name.ToUpperInvariant();

    private CmException Exists(string name, string what) => new(ErrorIds.FactoryExists, CmErrorCategory.ResourceExists,
        $"The name '{name}' is already registered in the store '{store.Path}' for {what}.",
        "Unregister the other one first (Unregister-CmDataFactory), or add -Force to replace an Azure registration.", name);
}
