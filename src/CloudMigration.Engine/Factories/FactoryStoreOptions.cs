namespace CloudMigration.Engine.Factories;

/// <summary>How a <see cref="FactoryStore"/> tells time and how long a run may wait for its integration runtime.</summary>
public sealed class FactoryStoreOptions
{
    /// <summary>The default <see cref="QueuedRunTimeout"/>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultQueuedRunTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The clock for every timestamp, node liveness and run timeout (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a run may stay Queued while an integration runtime it needs has no Online node. After that it
    /// fails with <c>IntegrationRuntimeOffline</c> (checked whenever a node polls or anyone reads the run).
    /// </summary>
    public TimeSpan QueuedRunTimeout { get; init; } = DefaultQueuedRunTimeout;

    /// <summary>How long a write waits for another process's write to finish before the store reports itself busy.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
