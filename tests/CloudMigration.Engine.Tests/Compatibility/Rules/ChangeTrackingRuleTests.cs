using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class ChangeTrackingRuleTests
{
    private const string Check = "ChangeTracking";
    private readonly ChangeTrackingRule rule = new();

    [Fact]
    public void Tracking_on_for_each_application_database_and_table_passes()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(2 * (1 + 60), results.Count);
        results.For("SLApp").Is(Check, CompatibilityStatus.Passed, "SLApp", CompatibilityTargetType.Database);
        Assert.Equal("Change tracking is on for 'SLApp' with a retention of 3 DAYS.", results.For("SLApp").Message);
        results.For("SLApp2/GLTran").Is(Check, CompatibilityStatus.Passed, "SLApp2/GLTran", CompatibilityTargetType.Table);
        Assert.DoesNotContain(results, r => r.Target.StartsWith("SLSystem", StringComparison.Ordinal));
    }

    [Fact]
    public void Tracking_off_for_a_database_fails_50020_with_the_alter_database_fix()
    {
        var results = rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { ChangeTracking = false }));
        var result = results.For("SLApp").Is(Check, CompatibilityStatus.Failed, "SLApp", CompatibilityTargetType.Database, code: 50020);
        Assert.Equal("ALTER DATABASE [SLApp] SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 3 DAYS, AUTO_CLEANUP = ON);", result.RecommendedAction);
        Assert.DoesNotContain(results, r => r.Target.StartsWith("SLApp/", StringComparison.Ordinal));
        Assert.Single(results, r => r.Status == CompatibilityStatus.Failed);
        Assert.Equal(61, results.Count(r => r.Status == CompatibilityStatus.Passed));
    }

    [Fact]
    public void An_untracked_table_fails_50020_for_that_table()
    {
        var results = rule.Run(FactBuilder.SqlServer().ChangeTable(FactBuilder.App, "GLTran", t => t with { ChangeTracked = false }));
        var result = results.For("SLApp/GLTran").Is(Check, CompatibilityStatus.Failed, "SLApp/GLTran", CompatibilityTargetType.Table, code: 50020);
        Assert.Equal("USE [SLApp]; ALTER TABLE [dbo].[GLTran] ENABLE CHANGE_TRACKING;", result.RecommendedAction);
        Assert.Contains("ALTER TABLE [dbo].[GLTran] ENABLE CHANGE_TRACKING;", result.RecommendedAction, StringComparison.Ordinal);
        results.For("SLApp").Is(Check, CompatibilityStatus.Passed, "SLApp", CompatibilityTargetType.Database);
        results.For("SLApp2/GLTran").Is(Check, CompatibilityStatus.Passed, "SLApp2/GLTran", CompatibilityTargetType.Table);
        Assert.Single(results, r => r.Status == CompatibilityStatus.Failed);
    }

    [Fact]
    public void The_fix_for_a_table_quotes_a_database_name_with_a_bracket()
    {
        var facts = FactBuilder.SqlServer().RenameApplicationDatabase(FactBuilder.App, "SL]App").ChangeTable("SL]App", "APDoc", t => t with { ChangeTracked = null });
        var result = rule.Run(facts).For("SL]App/APDoc").Is(Check, CompatibilityStatus.Failed, "SL]App/APDoc", CompatibilityTargetType.Table, code: 50020);
        Assert.Equal("USE [SL]]App]; ALTER TABLE [dbo].[APDoc] ENABLE CHANGE_TRACKING;", result.RecommendedAction);
    }

    [Theory]
    [InlineData(12, "HOURS")]
    [InlineData(1, "DAYS")]
    [InlineData(2879, "MINUTES")]
    public void A_retention_under_two_days_warns(int period, string units)
    {
        var results = rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { RetentionPeriod = period, RetentionUnits = units }));
        var result = results.For("SLApp").Is(Check, CompatibilityStatus.Warning, "SLApp", CompatibilityTargetType.Database, code: 50020);
        Assert.Contains($"{period} {units}", result.Message, StringComparison.Ordinal);
        Assert.Equal("ALTER DATABASE [SLApp] SET CHANGE_TRACKING (CHANGE_RETENTION = 3 DAYS, AUTO_CLEANUP = ON);", result.RecommendedAction);
        Assert.Equal(60, results.Count(r => r.Target.StartsWith("SLApp/", StringComparison.Ordinal) && r.Status == CompatibilityStatus.Passed));
    }

    [Theory]
    [InlineData(2, "DAYS")]
    [InlineData(48, "HOURS")]
    [InlineData(7, "days")]
    public void A_retention_of_two_days_or_more_passes(int period, string units)
    {
        rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { RetentionPeriod = period, RetentionUnits = units })).AllPassed(Check);
    }

    [Fact]
    public void Auto_cleanup_off_is_mentioned_but_passes()
    {
        var result = rule.Run(FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App, d => d with { AutoCleanup = false })).For("SLApp");
        result.Is(Check, CompatibilityStatus.Passed, "SLApp", CompatibilityTargetType.Database);
        Assert.EndsWith("(auto cleanup off).", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_table_gets_no_change_tracking_result()
    {
        var results = rule.Run(FactBuilder.SqlServer().RemoveTable(FactBuilder.App, "GLTran"));
        Assert.DoesNotContain(results, r => r.Target == "SLApp/GLTran");
        results.AllPassed(Check);
    }

    [Fact]
    public void Sqlite_is_not_applicable()
    {
        var facts = FactBuilder.Sqlite();
        rule.Run(facts).SingleNotApplicable(Check, facts.SourceTarget, CompatibilityTargetType.Source);
    }
}
