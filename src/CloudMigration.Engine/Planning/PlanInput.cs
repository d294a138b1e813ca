using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Planning;

/// <summary>What a plan is made from: facts of both sides (already gathered), the companies and the mappings.</summary>
public sealed class PlanInput
{
    public required SourceFacts Source { get; init; }

    public required DestinationFacts Destination { get; init; }

    public required IReadOnlyList<SlCompanyFacts> Companies { get; init; }

    public required MappingSet Mappings { get; init; }
}
