namespace CloudMigration.Engine.Planning;

/// <summary>Which companies to plan, and custom mappings on top of the default.</summary>
public sealed class TablePlanOptions
{
    /// <summary>Company ids or names (wildcards allowed). Empty: every active company.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];

    public IReadOnlyList<TableMappingInput> Mappings { get; init; } = [];
}
