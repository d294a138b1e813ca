namespace CloudMigration.Engine.Replication;

/// <summary>How a <see cref="DeltaApplier"/> applies changes.</summary>
public sealed class DeltaApplierOptions
{
    /// <summary>The clock of SyncedAt and of generated system column values.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Runs after the rows and the version are written, before the commit (tests inject failures here).</summary>
    internal Func<CancellationToken, Task>? BeforeCommit { get; init; }
}
