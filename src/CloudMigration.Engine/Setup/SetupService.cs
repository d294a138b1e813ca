using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Replication;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// Start-CmSetup, Get-CmSetup and Remove-CmSetup: cloud migration setup as a resumable series of steps whose state
/// lives in the destination's control schema, so any machine can inspect, resume or remove a setup.
/// </summary>
public sealed class SetupService
{
    private readonly DataFactoryService? factories;
    private readonly SetupOptions options;

    /// <param name="factories">The factories; null when there is no factory store (previews then say so instead of creating one).</param>
    /// <param name="options">Polling and the fault hook.</param>
    public SetupService(DataFactoryService? factories, SetupOptions? options = null)
    {
        this.factories = factories;
        this.options = options ?? new SetupOptions();
    }

    /// <summary>Runs every step not done yet; returns the setup as the control schema records it afterwards.</summary>
    public Task<MigrationSetup> StartAsync(SetupRequest request, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SetupRun(RequireFactories(), options, request, progress).RunAsync(cancellationToken);
    }

    /// <summary>What Start-CmSetup would do, step by step (-WhatIf). Reads only: no database or store is written.</summary>
    public async Task<IReadOnlyList<SetupStepPreview>> PreviewAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var input = await SetupInput.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var snapshot = await new SetupStateStore(request.Destination).ReadAsync(cancellationToken).ConfigureAwait(false);
        var decision = SetupDecision.Decide(snapshot?.State, input, request, options.TimeProvider.GetUtcNow());
        var factory = await DescribeFactoryAsync(request, decision.State, cancellationToken).ConfigureAwait(false);
        return SetupPreviews.Describe(request, input, decision, factory);
    }

    /// <summary>The setup recorded in the destination; SetupNotFound when it has none.</summary>
    public async Task<MigrationSetup> GetAsync(CmEndpoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var snapshot = await new SetupStateStore(destination).ReadAsync(cancellationToken).ConfigureAwait(false) ?? throw NotFound(destination);
        return SetupResults.From(snapshot, destination, null, changed: false, string.Empty);
    }

    /// <summary>What Remove-CmSetup would remove (-WhatIf), in order.</summary>
    public async Task<(MigrationSetup Setup, IReadOnlyList<string> Actions)> PreviewRemoveAsync(CmEndpoint destination, CmEndpoint? source, bool includeIntegrationRuntime, CancellationToken cancellationToken)
    {
        var setup = await GetAsync(destination, cancellationToken).ConfigureAwait(false);
        var actions = new List<string>();
        if (setup.Factory is not null)
        {
            var names = NamesOf(setup);
            actions.AddRange(names.InDeleteOrder.Select(r => $"Delete the {r.Kind} '{r.Name}' from '{setup.Factory}' (when it exists)"));
            if (includeIntegrationRuntime && setup.IntegrationRuntime is not null)
            {
                actions.Add($"Delete the integration runtime '{setup.IntegrationRuntime}' from '{setup.Factory}'");
            }
        }

        if (source is not null)
        {
            actions.AddRange((await ChangeCaptureMaintenance.FindAsync(source, cancellationToken).ConfigureAwait(false))
                .Select(log => $"Drop the change log (cm_ChangeLog, cm_ChangeTracking and the triggers on {log.Tables} tables) from the source database '{log.Database}'"));
            actions.Add($"Drop the cm objects from the source '{source.DisplayString}'" + (SqlProviders.For(source).Dialect is Sql.SqliteDialect
                ? string.Empty
                : " (change tracking on its application databases is left as it is: setup never turns it on)"));
        }

        actions.Add($"Drop the control schema (setup state, compatibility results, table plan, replication table) from '{destination.DisplayString}'");
        return (setup, actions);
    }

    /// <summary>
    /// Removes the setup: its pipelines, datasets and linked services (and the IR with <paramref name="includeIntegrationRuntime"/>),
    /// when <paramref name="source"/> is given the SQLite change log of its application databases and the cm objects of its
    /// system database (on SQL Server change tracking stays as it is: setup never turns it on), and the control schema last,
    /// so an interrupted removal can be run again.
    /// </summary>
    public async Task<SetupRemoval> RemoveAsync(CmEndpoint destination, CmEndpoint? source, bool includeIntegrationRuntime, CancellationToken cancellationToken)
    {
        var setup = await GetAsync(destination, cancellationToken).ConfigureAwait(false);
        var removed = new List<string>();
        var message = string.Empty;
        if (setup.Factory is { } factoryName)
        {
            IDataFactory? factory = null;
            try
            {
                factory = (await RequireFactories().ResolveAsync(factoryName, cancellationToken).ConfigureAwait(false)).Factory;
            }
            catch (CmException ex) when (ex.ErrorId == ErrorIds.FactoryNotFound)
            {
                message = $"The factory '{factoryName}' is no longer registered, so nothing was removed from it.";
            }

            if (factory is not null)
            {
                var deleted = await new PipelinePublisher().RemoveAsync(factory, NamesOf(setup), cancellationToken).ConfigureAwait(false);
                removed.AddRange(deleted.Select(d => $"{d.Kind} '{d.Name}'"));
                if (includeIntegrationRuntime && setup.IntegrationRuntime is { } runtime && await factory.GetIntegrationRuntimeAsync(runtime, cancellationToken).ConfigureAwait(false) is not null)
                {
                    await factory.DeleteIntegrationRuntimeAsync(runtime, force: false, cancellationToken).ConfigureAwait(false);
                    removed.Add($"IntegrationRuntime '{runtime}'");
                }
            }
        }

        if (source is not null)
        {
            foreach (var (database, _) in await ChangeCaptureMaintenance.FindAsync(source, cancellationToken).ConfigureAwait(false))
            {
                if (await ChangeCaptureMaintenance.RemoveAsync(source.WithDatabase(database), cancellationToken).ConfigureAwait(false))
                {
                    removed.Add($"Change log in '{database}'");
                }
            }

            await SourceObjects.DropAsync(source, cancellationToken).ConfigureAwait(false);
            removed.Add($"Source objects in '{source.Database}'");
        }

        await new SetupStateStore(destination).DropAsync(cancellationToken).ConfigureAwait(false);
        removed.Add($"Control schema of '{destination.Database}'");
        return new SetupRemoval { SetupId = setup.SetupId, Destination = destination.DisplayString, Factory = setup.Factory, Removed = removed, Message = message };
    }

    private static MigrationResourceNames NamesOf(MigrationSetup setup) => MigrationResourceNames.WithSuffix(SetupState.SuffixFor(setup.SetupId));

    private DataFactoryService RequireFactories() => factories ?? throw new CmException(ErrorIds.FactoryStoreUnavailable, CmErrorCategory.ResourceUnavailable,
        "There is no factory store yet, so there is no data factory to set up in.", "Register a data factory first: Register-CmDataFactory -Name <name>.", null);

    private async Task<string> DescribeFactoryAsync(SetupRequest request, SetupState state, CancellationToken cancellationToken)
    {
        if (request.Factory is { } named)
        {
            return $"the factory '{named}' (named with -Factory)";
        }

        if (state.Factory is { } recorded)
        {
            return $"the factory '{recorded}' (recorded by an earlier run)";
        }

        if (factories is null)
        {
            return "no factory: none is registered (the factory store does not exist), so setup would stop here";
        }

        try
        {
            var (factory, reason) = await factories.ResolveAsync(null, cancellationToken).ConfigureAwait(false);
            return $"the factory '{factory.Name}' by load balancing: {reason}";
        }
        catch (CmException ex)
        {
            return $"no factory, so setup would stop here: {ex.Message}";
        }
    }

    private static CmException NotFound(CmEndpoint destination) => new(ErrorIds.SetupNotFound, CmErrorCategory.ObjectNotFound,
        $"The destination '{destination.DisplayString}' has no cloud migration setup (no control schema with a setup in it).",
        "Set one up with Start-CmSetup, or check that -Destination names the Business Central database of the setup.", destination.DisplayString);
}
