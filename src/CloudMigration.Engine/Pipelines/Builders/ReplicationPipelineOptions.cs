using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>What the replication pipeline is built over: the names of resources that exist in the factory, and the endpoint kinds.</summary>
public sealed class ReplicationPipelineOptions
{
    /// <summary>A table dataset over the SL source linked service with DatabaseName and TableName parameters.</summary>
    public required string SourceDataset { get; init; }

    /// <summary>A table dataset over the Business Central destination with a TableName parameter (the control table is read through it too).</summary>
    public required string DestinationDataset { get; init; }

    /// <summary>The destination's linked service, where cm.RecordTableResult runs.</summary>
    public required string DestinationLinkedService { get; init; }

    public EndpointKind SourceKind { get; init; } = EndpointKind.SqlServer;

    public EndpointKind DestinationKind { get; init; } = EndpointKind.AzureSql;

    /// <summary>Tables copied at the same time (ForEach batchCount), 1 to 50.</summary>
    public int BatchCount { get; init; } = PipelineLimits.DefaultBatchCount;

    /// <summary>Whether each table's result is recorded in the control table (cm.RecordTableResult) after its copy.</summary>
    public bool RecordResults { get; init; } = true;
}
