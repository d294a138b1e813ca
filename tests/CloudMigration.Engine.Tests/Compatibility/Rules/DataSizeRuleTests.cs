using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class DataSizeRuleTests
{
    private const string Check = "DataSize";
    private const long GB = 1024L * 1024 * 1024;
    private const string Target = "3 selected companies";
    private readonly DataSizeRule rule = new();

    [Fact]
    public void The_mapped_tables_of_the_healthy_source_pass()
    {
        var result = Assert.Single(rule.Run(FactBuilder.SqlServer())).Is(Check, CompatibilityStatus.Passed, Target, CompatibilityTargetType.Selection);
        Assert.Equal("The selected companies hold 120.0 MB in the mapped tables.", result.Message);
    }

    [Fact]
    public void Forty_nine_gb_pass()
    {
        var result = Assert.Single(rule.Run(FactBuilder.SqlServer().SetSelectionSize(49 * GB))).Is(Check, CompatibilityStatus.Passed, Target, CompatibilityTargetType.Selection);
        Assert.Contains("49.0 GB", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50 * GB)]
    [InlineData(80 * GB)]
    public void From_fifty_gb_up_to_the_capacity_warn(long bytes)
    {
        Assert.Single(rule.Run(FactBuilder.SqlServer().SetSelectionSize(bytes))).Is(Check, CompatibilityStatus.Warning, Target, CompatibilityTargetType.Selection);
    }

    [Theory]
    [InlineData(80 * GB + 1024 * 1024)]
    [InlineData(120 * GB)]
    public void Over_the_default_80_gb_capacity_fails(long bytes)
    {
        var result = Assert.Single(rule.Run(FactBuilder.SqlServer().SetSelectionSize(bytes))).Is(Check, CompatibilityStatus.Failed, Target, CompatibilityTargetType.Selection);
        Assert.Contains("storage capacity of 80 GB", result.Message, StringComparison.Ordinal);
        Assert.Contains("-StorageCapacityGB", result.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void A_larger_tenant_capacity_makes_100_gb_a_warning()
    {
        var facts = FactBuilder.SqlServer().SetSelectionSize(100 * GB);
        facts.Options = new CompatibilityOptions { StorageCapacityGB = 200 };
        Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Warning, Target, CompatibilityTargetType.Selection);
    }

    [Fact]
    public void A_smaller_tenant_capacity_fails_below_the_warning_size()
    {
        var facts = FactBuilder.SqlServer().SetSelectionSize(45 * GB);
        facts.Options = new CompatibilityOptions { StorageCapacityGB = 40.5 };
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Failed, Target, CompatibilityTargetType.Selection);
        Assert.Contains("storage capacity of 40.5 GB", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_databases_of_the_selected_companies_count()
    {
        var facts = FactBuilder.SqlServer();
        facts.Selected = [facts.Companies[0], facts.Companies[1]];
        var result = Assert.Single(rule.Run(facts)).Is(Check, CompatibilityStatus.Passed, "2 selected companies", CompatibilityTargetType.Selection);
        Assert.Equal("The selected companies hold 60.0 MB in the mapped tables.", result.Message);
    }

    [Fact]
    public void Without_table_sizes_the_database_size_counts()
    {
        var result = Assert.Single(rule.Run(FactBuilder.Sqlite())).Is(Check, CompatibilityStatus.Passed, Target, CompatibilityTargetType.Selection);
        Assert.Equal("The selected companies hold 128.0 MB in the application databases.", result.Message);
    }
}
