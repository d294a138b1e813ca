using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class RunSizeRuleTests
{
    private const string Check = "RunSize";
    private const long GB = 1024L * 1024 * 1024;
    private const string Target = "3 selected companies";
    private readonly RunSizeRule rule = new();

    [Fact]
    public void The_healthy_source_fits_one_run()
    {
        var result = Assert.Single(rule.Run(FactBuilder.SqlServer())).Is(Check, CompatibilityStatus.Passed, Target, CompatibilityTargetType.Selection);
        Assert.Equal("120.0 MB fits one run (under 30 GB).", result.Message);
    }

    [Fact]
    public void Thirty_gb_passes()
    {
        Assert.Single(rule.Run(FactBuilder.SqlServer().SetSelectionSize(30 * GB))).Is(Check, CompatibilityStatus.Passed, Target, CompatibilityTargetType.Selection);
    }

    [Theory]
    [InlineData(31 * GB, 2)]
    [InlineData(61 * GB, 3)]
    public void Over_thirty_gb_warns_with_a_batch_count(long bytes, int batches)
    {
        var result = Assert.Single(rule.Run(FactBuilder.SqlServer().SetSelectionSize(bytes))).Is(Check, CompatibilityStatus.Warning, Target, CompatibilityTargetType.Selection);
        Assert.Equal($"Split the companies into about {batches} runs of under 30 GB each (-Company).", result.RecommendedAction);
        Assert.StartsWith($"{bytes / GB}.0 GB in one run", result.Message, StringComparison.Ordinal);
    }
}
