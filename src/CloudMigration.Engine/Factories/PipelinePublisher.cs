using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// Publishes what cloud migration runs in a data factory: linked services for the source and the destination
/// (through the IR for SQL Server), the two table datasets, and the engine-built preparation and replication
/// pipelines; and, given a table plan, writes the plan into the destination's control table. Every step is a PUT
/// or a replace, so publishing again changes nothing that is already right. Start-CmSetup publishes the same
/// resources a step at a time, under its own names.
/// </summary>
public sealed class PipelinePublisher
{
    public const string SourceLinkedService = "CmSlSource";
    public const string DestinationLinkedService = "CmBcDestination";
    public const string SourceDataset = "CmSlTables";
    public const string DestinationDataset = "CmBcTables";
    public const string PreparationPipeline = "CmPreparation";
    public const string ReplicationPipeline = "CmReplication";

    /// <summary>Everything under the default names, and the plan into the control table when one is given.</summary>
    public async Task<IReadOnlyList<PublishedResource>> PublishAsync(IDataFactory factory, CmEndpoint source, CmEndpoint destination, string? integrationRuntime,
        IReadOnlyList<TablePlanEntry>? plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var names = MigrationResourceNames.Default;
        var published = new List<PublishedResource>();
        published.AddRange(await PublishConnectionsAsync(factory, names, source, destination, integrationRuntime, cancellationToken).ConfigureAwait(false));
        published.Add(await PublishPreparationAsync(factory, names, source, destination, cancellationToken).ConfigureAwait(false));
        published.Add(await PublishReplicationAsync(factory, names, source, destination, Pipelines.PipelineLimits.DefaultBatchCount, cancellationToken).ConfigureAwait(false));

        if (plan is not null)
        {
            var rows = ControlRowBuilder.Build(plan, SqlProviders.For(source).Dialect, SqlProviders.For(destination).Dialect);
            var written = await ControlTableWriter.WriteAsync(destination, rows, cancellationToken).ConfigureAwait(false);
            published.Add(new PublishedResource
            {
                Factory = factory.Name,
                Kind = "ControlTable",
                Name = destination.Database,
                Description = $"{written} of {plan.Count} plan entries to copy (skipped and erroneous entries have no row)",
            });
        }

        return published;
    }

    /// <summary>The linked services (the source's through the IR when it is a SQL Server) and the two table datasets.</summary>
    public async Task<IReadOnlyList<PublishedResource>> PublishConnectionsAsync(IDataFactory factory, MigrationResourceNames names, CmEndpoint source, CmEndpoint destination,
        string? integrationRuntime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);

        // A SQL Server source is reached through the self-hosted IR; SQLite and Azure SQL need none.
        if (source.RequiresIntegrationRuntime && string.IsNullOrEmpty(integrationRuntime))
        {
            throw new CmException(ErrorIds.IntegrationRuntimeNotFound, CmErrorCategory.InvalidArgument,
                $"The source '{source.DisplayString}' is a SQL Server, which the data factory reaches through a self-hosted integration runtime, and none was given.",
                "Give -IntegrationRuntime (New-CmIntegrationRuntime creates one; register a node on a machine that reaches the SQL Server).", source.DisplayString);
        }

        var runtime = source.RequiresIntegrationRuntime ? integrationRuntime : null;
        return
        [
            await PutAsync(factory, FactoryResourceKind.LinkedService, names.SourceLinkedService, AdfResources.LinkedServiceFor(source, runtime), "the Dynamics SL source (database per table)", cancellationToken).ConfigureAwait(false),
            await PutAsync(factory, FactoryResourceKind.LinkedService, names.DestinationLinkedService, AdfResources.LinkedServiceFor(destination, null, parameterizeDatabase: false), "the Business Central destination", cancellationToken).ConfigureAwait(false),
            await PutAsync(factory, FactoryResourceKind.Dataset, names.SourceDataset, AdfResources.TableDataset(names.SourceLinkedService, source.Kind, databaseParameter: true), "SL tables", cancellationToken).ConfigureAwait(false),
            await PutAsync(factory, FactoryResourceKind.Dataset, names.DestinationDataset, AdfResources.TableDataset(names.DestinationLinkedService, destination.Kind, databaseParameter: false), "Business Central tables", cancellationToken).ConfigureAwait(false),
        ];
    }

    /// <summary>The preparation pipeline (over the connections of <see cref="PublishConnectionsAsync"/>).</summary>
    public Task<PublishedResource> PublishPreparationAsync(IDataFactory factory, MigrationResourceNames names, CmEndpoint source, CmEndpoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return PutAsync(factory, FactoryResourceKind.Pipeline, names.PreparationPipeline, PreparationPipelineBuilder.Build(new PreparationPipelineOptions
        {
            SourceDataset = names.SourceDataset,
            SourceLinkedService = names.SourceLinkedService,
            SourceSystemDatabase = source.Database,
            DestinationDataset = names.DestinationDataset,
            DestinationLinkedService = names.DestinationLinkedService,
            SourceKind = source.Kind,
            DestinationKind = destination.Kind,
        }), "checks both sides, creates the control objects, collects companies and extensions", cancellationToken);
    }

    /// <summary>The replication pipeline, copying <paramref name="batchCount"/> tables at a time.</summary>
    public Task<PublishedResource> PublishReplicationAsync(IDataFactory factory, MigrationResourceNames names, CmEndpoint source, CmEndpoint destination, int batchCount,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return PutAsync(factory, FactoryResourceKind.Pipeline, names.ReplicationPipeline, ReplicationPipelineBuilder.Build(new ReplicationPipelineOptions
        {
            SourceDataset = names.SourceDataset,
            DestinationDataset = names.DestinationDataset,
            DestinationLinkedService = names.DestinationLinkedService,
            SourceKind = source.Kind,
            DestinationKind = destination.Kind,
            BatchCount = batchCount,
        }), $"copies every table of the control table, {batchCount} at a time, recording each result", cancellationToken);
    }

    /// <summary>Deletes the resources in ADF's order (pipelines, datasets, linked services); missing ones are not an error.</summary>
    public async Task<IReadOnlyList<PublishedResource>> RemoveAsync(IDataFactory factory, MigrationResourceNames names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(names);
        var removed = new List<PublishedResource>();
        foreach (var (kind, name) in names.InDeleteOrder)
        {
            if (await factory.GetResourceAsync(kind, name, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            await factory.DeleteResourceAsync(kind, name, cancellationToken).ConfigureAwait(false);
            removed.Add(new PublishedResource { Factory = factory.Name, Kind = kind.ToString(), Name = name, Description = "removed" });
        }

        return removed;
    }

    private static async Task<PublishedResource> PutAsync(IDataFactory factory, FactoryResourceKind kind, string name, JsonObject definition, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await factory.PutResourceAsync(kind, name, definition, cancellationToken).ConfigureAwait(false);
        return new PublishedResource { Factory = factory.Name, Kind = kind.ToString(), Name = name, Description = description };
    }
}
