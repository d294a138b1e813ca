namespace CloudMigration.Engine.Setup;

/// <summary>How the setup flow runs: polling and, for tests, a fault hook.</summary>
public sealed class SetupOptions
{
    /// <summary>How often waits look at the integration runtime and the preparation run.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called at every step's fault points; throwing there fails the step as any real failure would (tests).</summary>
    public ISetupFaultInjector? FaultInjector { get; init; }
}
