using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// Publishes what cloud migration runs in a data factory: linked services for the source and the destination
/// (through the IR for SQL Server), the two table datasets, and the engine-built preparation and replication
/// pipelines; and, given a table plan, writes the plan into the destination's control table. Every step is a PUT
/// or a replace, so publishing again changes nothing that is already right.
/// </summary>
public sealed class PipelinePublisher
{
    public const string SourceLinkedService = "CmSlSource";
    public const string DestinationLinkedService = "CmBcDestination";
    public const string SourceDataset = "CmSlTables";
    public const string DestinationDataset = "CmBcTables";
    public const string PreparationPipeline = "CmPreparation";
    public const string ReplicationPipeline = "CmReplication";

    public async Task<IReadOnlyList<PublishedResource>> PublishAsync(IDataFactory factory, CmEndpoint source, CmEndpoint destination, string? integrationRuntime,
        IReadOnlyList<TablePlanEntry>? plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var published = new List<PublishedResource>();
        async Task PutAsync(FactoryResourceKind kind, string name, System.Text.Json.Nodes.JsonObject definition, string description)
        {
            await factory.PutResourceAsync(kind, name, definition, cancellationToken).ConfigureAwait(false);
            published.Add(new PublishedResource { Factory = factory.Name, Kind = kind.ToString(), Name = name, Description = description });
        }

        // A SQL Server source is reached through the self-hosted IR; SQLite and Azure SQL need none.
        if (source.RequiresIntegrationRuntime && string.IsNullOrEmpty(integrationRuntime))
        {
            throw new Errors.CmException(Errors.ErrorIds.IntegrationRuntimeNotFound, Errors.CmErrorCategory.InvalidArgument,
                $"The source '{source.DisplayString}' is a SQL Server, which the data factory reaches through a self-hosted integration runtime, and none was given.",
                "Give -IntegrationRuntime (New-CmIntegrationRuntime creates one; register a node on a machine that reaches the SQL Server).", source.DisplayString);
        }

        var runtime = source.RequiresIntegrationRuntime ? integrationRuntime : null;
        await PutAsync(FactoryResourceKind.LinkedService, SourceLinkedService, AdfResources.LinkedServiceFor(source, runtime), "the Dynamics SL source (database per table)").ConfigureAwait(false);
        await PutAsync(FactoryResourceKind.LinkedService, DestinationLinkedService, AdfResources.LinkedServiceFor(destination, null, parameterizeDatabase: false), "the Business Central destination").ConfigureAwait(false);
        await PutAsync(FactoryResourceKind.Dataset, SourceDataset, AdfResources.TableDataset(SourceLinkedService, source.Kind, databaseParameter: true), "SL tables").ConfigureAwait(false);
        await PutAsync(FactoryResourceKind.Dataset, DestinationDataset, AdfResources.TableDataset(DestinationLinkedService, destination.Kind, databaseParameter: false), "Business Central tables").ConfigureAwait(false);
        await PutAsync(FactoryResourceKind.Pipeline, PreparationPipeline, PreparationPipelineBuilder.Build(new PreparationPipelineOptions
        {
            SourceDataset = SourceDataset,
            SourceSystemDatabase = source.Database,
            DestinationDataset = DestinationDataset,
            DestinationLinkedService = DestinationLinkedService,
            SourceKind = source.Kind,
            DestinationKind = destination.Kind,
        }), "checks both sides, creates the control objects, lists companies and extensions").ConfigureAwait(false);
        await PutAsync(FactoryResourceKind.Pipeline, ReplicationPipeline, ReplicationPipelineBuilder.Build(new ReplicationPipelineOptions
        {
            SourceDataset = SourceDataset,
            DestinationDataset = DestinationDataset,
            DestinationLinkedService = DestinationLinkedService,
            SourceKind = source.Kind,
            DestinationKind = destination.Kind,
        }), "copies every table of the control table, recording each result").ConfigureAwait(false);

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
}
