using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;

namespace CloudMigration.Engine.Facts;

/// <summary>Everything the compatibility rules need to know about a Business Central destination.</summary>
public sealed class DestinationFacts
{
    public required CmEndpoint Endpoint { get; init; }

    public required ServerFacts Server { get; init; }

    /// <summary>The tenant database, with the staging tables of the selected companies that exist.</summary>
    public required DatabaseFacts Database { get; init; }

    public required IReadOnlyList<InstalledExtension> Extensions { get; init; }

    public required IReadOnlyList<DestinationCompany> Companies { get; init; }
}
