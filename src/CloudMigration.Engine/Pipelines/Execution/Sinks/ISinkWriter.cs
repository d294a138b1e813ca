namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>Writes batches of rows (values in the order of the mapped sink columns) into the sink table.</summary>
internal interface ISinkWriter : IAsyncDisposable
{
    /// <summary>Writes one batch as one transaction; returns the rows written (inserted or updated).</summary>
    Task<int> WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);
}

/// <summary>
/// A sink that takes the rows of a batch one at a time, as they are read, into the batch's open transaction: the copy
/// then buffers nothing (no row arrays, no boxed values kept alive until the batch is full).
/// </summary>
internal interface IRowSinkWriter : ISinkWriter
{
    /// <summary>Rows written into the open batch, not yet committed.</summary>
    int Pending { get; }

    /// <summary>Writes one row into the open batch (beginning one when none is open). The caller may reuse <paramref name="row"/> afterwards.</summary>
    void WriteRow(object?[] row, CancellationToken cancellationToken);

    /// <summary>Commits the open batch; returns its rows (0 when none is open).</summary>
    Task<int> CommitAsync(CancellationToken cancellationToken);
}
