namespace CloudMigration.Engine.Factories;

/// <summary>How often a <see cref="LocalRunHost"/> polls the store, and (for tests) which process it says it runs in.</summary>
public sealed class LocalRunHostOptions
{
    /// <summary>
    /// The pause between polls (default 1 second). Each poll heartbeats the node, fails runs nobody can run,
    /// passes cancellations to running runs and claims Queued runs. This is real (wall-clock) time, whatever the
    /// store's <see cref="FactoryStoreOptions.TimeProvider"/>; it must stay well under <see cref="NodeLiveness.HostInterval"/>
    /// (30 seconds: a host on another machine silent that long is gone, and its runs with it).
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The process the host records with its runs: this one (tests pass another, to play a process that was killed).</summary>
    internal RunHostProcess Process { get; init; } = RunHostProcess.Current;
}
