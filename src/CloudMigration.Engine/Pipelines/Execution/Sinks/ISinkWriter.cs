namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>Writes batches of rows (values in the order of the mapped sink columns) into the sink table.</summary>
internal interface ISinkWriter : IAsyncDisposable
{
    /// <summary>Writes one batch as one transaction; returns the rows written (inserted or updated).</summary>
    Task<int> WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);
}
