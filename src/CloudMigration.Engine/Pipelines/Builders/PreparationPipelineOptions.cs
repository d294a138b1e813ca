using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>What the preparation pipeline is built over: the names of resources that exist in the factory, and the endpoint kinds.</summary>
public sealed class PreparationPipelineOptions
{
    /// <summary>A table dataset over the SL source linked service with a DatabaseName parameter (AdfResources.TableDataset(..., databaseParameter: true)).</summary>
    public required string SourceDataset { get; init; }

    /// <summary>The SL source's linked service, with a DatabaseName parameter (the source objects are created through it).</summary>
    public required string SourceLinkedService { get; init; }

    /// <summary>The Dynamics SL system database, passed to the source dataset as DatabaseName.</summary>
    public required string SourceSystemDatabase { get; init; }

    /// <summary>A table dataset over the Business Central destination.</summary>
    public required string DestinationDataset { get; init; }

    /// <summary>The destination's linked service (the Script that creates the control table and procedures runs on it).</summary>
    public required string DestinationLinkedService { get; init; }

    /// <summary>SqlServer (default) or AzureSql for a real source; Sqlite for the embedded default. Chooses source types and SQL text.</summary>
    public EndpointKind SourceKind { get; init; } = EndpointKind.SqlServer;

    /// <summary>AzureSql (default, Business Central online) or Sqlite for the embedded default.</summary>
    public EndpointKind DestinationKind { get; init; } = EndpointKind.AzureSql;
}
