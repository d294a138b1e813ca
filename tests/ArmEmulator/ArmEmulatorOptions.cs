namespace CloudMigration.ArmEmulator;

/// <summary>How an <see cref="ArmEmulatorHost"/> starts.</summary>
public sealed class ArmEmulatorOptions
{
    /// <summary>The factory store behind the emulated factories; a new one in a temporary folder (removed on dispose) when null.</summary>
    public string? StorePath { get; init; }

    /// <summary>The bearer token requests must carry; a random one when null.</summary>
    public string? Token { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Whether a request to a factory the store does not have registers it (as if it had been created in the portal). Default: off (404).</summary>
    public bool AutoRegisterFactories { get; init; }

    /// <summary>How many items one page of a list or query holds before a nextLink / continuationToken.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>How often the run hosts of nodes registered in the emulator poll the store.</summary>
    public TimeSpan NodePollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The Azure region factories report.</summary>
    public string Location { get; init; } = "emulator";
}
