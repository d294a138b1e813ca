using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Sample;

/// <summary>A generated sample: its folder and the endpoints that feed the other cmdlets.</summary>
public sealed class SampleEnvironment
{
    public required string Path { get; init; }

    /// <summary>The Dynamics SL system database.</summary>
    public required CmEndpoint Source { get; init; }

    /// <summary>The Business Central tenant database.</summary>
    public required CmEndpoint Destination { get; init; }

    /// <summary>Company ids of the sample (active and inactive).</summary>
    public required IReadOnlyList<string> Companies { get; init; }

    public required IReadOnlyList<string> ApplicationDatabases { get; init; }

    public required int TableCount { get; init; }

    public required long RowCount { get; init; }

    public required int Seed { get; init; }
}
