using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Compatibility;

/// <summary>Every rule, in the order results are reported: connections, server, databases, companies, selection, destination, tables.</summary>
public static class CompatibilityRules
{
    public static IReadOnlyList<ICompatibilityRule> All { get; } =
    [
        new ConnectivityRule(),
        new SqlServerVersionRule(),
        new SqlServerEditionRule(),
        new PermissionRule(),
        new CompatibilityLevelRule(),
        new ChangeTrackingRule(),
        new CollationRule(),
        new LargeValueRule(),
        new DynamicsSLVersionRule(),
        new ApplicationDatabaseRule(),
        new CompanyNameRule(),
        new SubaccountSegmentRule(),
        new CompanyCountRule(),
        new DataSizeRule(),
        new RunSizeRule(),
        new MigrationExtensionRule(),
        new DestinationCompanyRule(),
        new SourceTableRule(),
        new SchemaAlignmentRule(),
    ];

    /// <summary>Runs every rule over the facts.</summary>
    public static IReadOnlyList<CompatibilityResult> Evaluate(CompatibilityContext context, IEnumerable<ICompatibilityRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (rules ?? All).SelectMany(r => r.Evaluate(context)).ToList();
    }
}
