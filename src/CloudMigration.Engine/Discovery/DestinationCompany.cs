using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Discovery;

/// <summary>A Business Central company from the tenant database's Company table.</summary>
public sealed class DestinationCompany
{
    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    public Guid? SystemId { get; init; }

    /// <summary>The name per-company tables use (<c>.</c> <c>\</c> <c>/</c> <c>"</c> replaced by <c>_</c>).</summary>
    public required string SqlName { get; init; }

    public required CmEndpoint Destination { get; init; }

    public override string ToString() => Name;
}
