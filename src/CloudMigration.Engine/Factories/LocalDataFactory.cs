using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// A data factory on this machine: its state lives in a <see cref="FactoryStore"/>, its runs are executed by the
/// <see cref="LocalRunHost"/> of a registered node. Nothing is cached: every call reads the store, so instances in
/// several processes see one another's changes. Get one from <see cref="LocalFactoryRegistry.OpenAsync"/>.
/// </summary>
public sealed partial class LocalDataFactory : IDataFactory
{
    public LocalDataFactory(FactoryStore store, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(name);
        Store = store;
        Name = name;
    }

    public string Name { get; }

    public DataFactoryKind Kind => DataFactoryKind.Local;

    public FactoryStore Store { get; }

    public Task<DataFactoryInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Read(db => FactoryRows.Info(db, Store, FactoryRows.Require(db, Name), Store.Now)));
    }

    /// <summary>Creates the IR with two new keys; when it exists, keeps it (keys, nodes) and updates only its description when one is given.</summary>
    public Task<IntegrationRuntimeInfo> CreateIntegrationRuntimeAsync(string name, string? description, CancellationToken cancellationToken)
    {
        AdfNames.RequireRuntimeName(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Write(db =>
        {
            var factory = FactoryRows.Require(db, Name);
            var now = Store.Now;
            if (RuntimeRows.Find(db, factory, name) is { } existing)
            {
                if (description is not null && description != existing.Description)
                {
                    db.Execute("UPDATE integration_runtimes SET description = $d WHERE factory = $f AND name = $n;",
                        ("$d", description), ("$f", factory), ("$n", existing.Name));
                }
            }
            else
            {
                RuntimeRows.Insert(db, factory, name, description ?? string.Empty, now, Store.Protector);
            }

            return RuntimeRows.Info(db, RuntimeRows.Require(db, factory, name), now);
        }));
    }

    public Task<IntegrationRuntimeInfo?> GetIntegrationRuntimeAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Read(db =>
            RuntimeRows.Find(db, FactoryRows.Require(db, Name), name) is { } row ? RuntimeRows.Info(db, row, Store.Now) : null));
    }

    public Task<IReadOnlyList<IntegrationRuntimeInfo>> ListIntegrationRuntimesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<IntegrationRuntimeInfo>>(Store.Read(db =>
        {
            var now = Store.Now;
            return RuntimeRows.List(db, FactoryRows.Require(db, Name)).Select(r => RuntimeRows.Info(db, r, now)).ToList();
        }));
    }

    /// <summary>Both keys as SecureString (ADF listAuthKeys). Dispose the result when done.</summary>
    public Task<IntegrationRuntimeKeys> GetIntegrationRuntimeKeysAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Read(db => Keys(db, RuntimeRows.Require(db, FactoryRows.Require(db, Name), name))));
    }

    /// <summary>Replaces one key ("authKey1" or "authKey2", else <c>AuthKeyNameInvalid</c>); the old key registers no new node.</summary>
    public Task<IntegrationRuntimeKeys> RegenerateIntegrationRuntimeKeyAsync(string name, string keyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var canonical = IntegrationRuntimeAuthKey.CanonicalKeyName(keyName)
            ?? throw new CmException(ErrorIds.AuthKeyNameInvalid, CmErrorCategory.InvalidArgument,
                $"'{keyName}' is not a key name: an integration runtime has the keys authKey1 and authKey2.",
                "Name the key to regenerate: authKey1 or authKey2.", keyName);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Write(db =>
        {
            var row = RuntimeRows.Require(db, FactoryRows.Require(db, Name), name);
            RuntimeRows.RegenerateKey(db, row, canonical, Store.Now, Store.Protector);
            return Keys(db, row);
        }));
    }

    /// <summary>
    /// Deletes the IR, its keys and nodes; a missing IR is not an error. Refused (<c>IntegrationRuntimeInUse</c>)
    /// while a linked service connects via it, unless <paramref name="force"/>.
    /// </summary>
    public Task DeleteIntegrationRuntimeAsync(string name, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        Store.Write(db =>
        {
            var factory = FactoryRows.Require(db, Name);
            if (RuntimeRows.Find(db, factory, name) is not { } row)
            {
                return;
            }

            var users = ResourceRows.All(db, factory)
                .Where(r => r.Kind == FactoryResourceKind.LinkedService
                    && ResourceReferences.RefersTo(r.Definition, ResourceReferences.IntegrationRuntimeReference, row.Name))
                .Select(r => $"'{r.Name}'").ToList();
            if (users.Count > 0 && !force)
            {
                throw new CmException(ErrorIds.IntegrationRuntimeInUse, CmErrorCategory.InvalidOperation,
                    $"The integration runtime '{row.Name}' is used by the linked service(s) {string.Join(", ", users)}.",
                    "Delete the pipelines, datasets and linked services that use it first (in that order), or delete with -Force.", row.Name);
            }

            db.Execute("DELETE FROM integration_runtimes WHERE factory = $f AND name = $n;", ("$f", factory), ("$n", row.Name));
        });
        return Task.CompletedTask;
    }

    private IntegrationRuntimeKeys Keys(StoreConnection db, RuntimeRows.Row row)
    {
        var stored = RuntimeRows.ProtectedKeys(db, row);
        return new IntegrationRuntimeKeys
        {
            Factory = row.Factory,
            IntegrationRuntime = row.Name,
            AuthKey1 = Reveal(row, stored, IntegrationRuntimeAuthKey.AuthKey1),
            AuthKey2 = Reveal(row, stored, IntegrationRuntimeAuthKey.AuthKey2),
        };
    }

    private System.Security.SecureString Reveal(RuntimeRows.Row row, Dictionary<string, string> stored, string keyName)
    {
        var plain = Store.Protector.UnprotectBytes(stored[keyName], IntegrationRuntimeAuthKey.ContextOf(row.Factory, row.Name, keyName));
        try
        {
            return SecureStrings.FromUtf8(plain);
        }
        finally
        {
            SecureStrings.Clear(plain);
        }
    }
}
