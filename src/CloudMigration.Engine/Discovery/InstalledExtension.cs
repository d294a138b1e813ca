using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Discovery;

/// <summary>An extension installed in the Business Central tenant database.</summary>
public sealed class InstalledExtension
{
    public required Guid AppId { get; init; }

    public required string Name { get; init; }

    public required string Publisher { get; init; }

    public required Version Version { get; init; }

    /// <summary>Whether this is the migration extension of a product the module migrates (Dynamics SL Migration).</summary>
    public required bool IsMigrationExtension { get; init; }

    public required CmEndpoint Destination { get; init; }

    public override string ToString() => $"{Name} {Version}";
}
