using CloudMigration.Engine.Operations;

namespace CloudMigration.Engine.Tests;

/// <summary>Calls back on the reporting thread (Progress&lt;T&gt; posts to the thread pool, too late to see or act on a report in order).</summary>
internal sealed class SyncProgress(Action<OperationProgress> report) : IProgress<OperationProgress>
{
    public void Report(OperationProgress value) => report(value);

    /// <summary>Collects every report into <paramref name="reports"/>, locked: engines may report from several threads.</summary>
    public static SyncProgress Into(List<OperationProgress> reports) => new(value =>
    {
        lock (reports)
        {
            reports.Add(value);
        }
    });
}
