using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The local data factories of one <see cref="FactoryStore"/>: register, unregister, list with their load,
/// and open one as an <see cref="IDataFactory"/>. Names follow ADF's rules and are compared without case.
/// </summary>
public sealed class LocalFactoryRegistry
{
    public LocalFactoryRegistry(FactoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
    }

    public FactoryStore Store { get; }

    /// <summary>Registers a new local factory; <c>FactoryExists</c> when the name is taken, <c>FactoryNameInvalid</c> when ADF would refuse it.</summary>
    public Task<DataFactoryInfo> RegisterAsync(string name, CancellationToken cancellationToken = default)
    {
        AdfNames.RequireFactoryName(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Write(db =>
        {
            if ((FactoryRows.Find(db, name) ?? AzureFactoryRows.Find(db, Store, name)?.Name) is { } existing)
            {
                throw new CmException(ErrorIds.FactoryExists, CmErrorCategory.ResourceExists,
                    $"A data factory '{existing}' is already registered in the store '{Store.Path}'.",
                    "Choose another name, or use the registered factory.", name);
            }

            var now = Store.Now;
            db.Execute("INSERT INTO factories (name, registered) VALUES ($n, $t);", ("$n", name), ("$t", StoreTime.ToMs(now)));
            return FactoryRows.Info(db, Store, name, now);
        }));
    }

    /// <summary>
    /// Removes a factory with everything in it (IRs, keys, nodes, resources, runs). Refused (<c>FactoryInUse</c>)
    /// while it has Queued, InProgress or Canceling runs, unless <paramref name="force"/>; <c>FactoryNotFound</c> when missing.
    /// </summary>
    public Task UnregisterAsync(string name, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        Store.Write(db =>
        {
            var registered = FactoryRows.Require(db, name);
            var active = FactoryRows.ActiveRuns(db, registered);
            if (active > 0 && !force)
            {
                throw new CmException(ErrorIds.FactoryInUse, CmErrorCategory.InvalidOperation,
                    $"The data factory '{registered}' has {active} active pipeline run(s) (Queued, InProgress or Canceling).",
                    "Wait for the runs to end or cancel them, or unregister with -Force to drop them.", registered);
            }

            db.Execute("DELETE FROM factories WHERE name = $n;", ("$n", registered));
        });
        return Task.CompletedTask;
    }

    /// <summary>Every registered factory with its load and health, ordered by name.</summary>
    public Task<IReadOnlyList<DataFactoryInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<DataFactoryInfo>>(Store.Read(db =>
        {
            var now = Store.Now;
            return FactoryRows.Names(db).Select(n => FactoryRows.Info(db, Store, n, now)).ToList();
        }));
    }

    /// <summary>One factory with its load and health; <c>FactoryNotFound</c> when missing.</summary>
    public Task<DataFactoryInfo> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.Read(db => FactoryRows.Info(db, Store, FactoryRows.Require(db, name), Store.Now)));
    }

    /// <summary>The factory as an <see cref="IDataFactory"/> (its name as registered); <c>FactoryNotFound</c> when missing.</summary>
    public Task<LocalDataFactory> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new LocalDataFactory(Store, Store.Read(db => FactoryRows.Require(db, name))));
    }
}
