using CloudMigration.Engine.Compatibility;

namespace CloudMigration.Engine.Setup;

/// <summary>Everything the control schema holds about a setup (Setup.State's five result sets).</summary>
internal sealed class SetupSnapshot
{
    public required SetupState State { get; init; }

    public required IReadOnlyList<CompatibilityResult> Compatibility { get; init; }

    public required IReadOnlyList<TableCount> TableCounts { get; init; }

    public required int SourceCompanies { get; init; }

    public required int DestinationExtensions { get; init; }
}
