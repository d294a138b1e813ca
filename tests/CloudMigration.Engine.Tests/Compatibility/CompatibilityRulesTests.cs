using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>The rule set as a whole: names, descriptions, codes, and what it says about whole contexts.</summary>
public sealed class CompatibilityRulesTests
{
    /// <summary>The checks that only mean something on a SQL Server source.</summary>
    private static readonly string[] SqlServerOnly =
        ["SqlServerVersion", "SqlServerEdition", "Permissions", "CompatibilityLevel", "ChangeTracking", "Collation", "LargeValues"];

    public static TheoryData<string> RuleNames => new(CompatibilityRules.All.Select(r => r.Check));

    [Fact]
    public void Every_rule_has_a_unique_check_name_and_a_description()
    {
        var rules = CompatibilityRules.All;
        Assert.Equal(19, rules.Count);
        Assert.Equal(rules.Count, rules.Select(r => r.Check).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Check), r.GetType().Name);
            Assert.False(string.IsNullOrWhiteSpace(r.Description), r.Check);
            Assert.EndsWith(".", r.Description, StringComparison.Ordinal);
        });
        Assert.Equal(rules.Count, rules.Select(r => r.GetType()).Distinct().Count());
    }

    [Fact]
    public void Microsofts_codes_belong_to_their_checks()
    {
        var codes = CompatibilityRules.All.Where(r => r.Code is not null).ToDictionary(r => r.Check, r => r.Code!.Value);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["CompatibilityLevel"] = 50001,
                ["ChangeTracking"] = 50020,
                ["CompanyName"] = 50021,
                ["MigrationExtension"] = 50017,
                ["SourceTable"] = 50004,
                ["SchemaAlignment"] = 50011,
            },
            codes);
    }

    [Fact]
    public void Connectivity_comes_first()
    {
        Assert.IsType<ConnectivityRule>(CompatibilityRules.All[0]);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void With_both_sides_unreachable_only_connectivity_reports(string check)
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceError = ProviderError.Connecting(ErrorIds.ServerUnreachable, 53);
        facts.DestinationError = ProviderError.Connecting(ErrorIds.LoginFailed, 18456);
        var context = facts.Build();
        var results = Rule(check).Run(context);
        if (check == "Connectivity")
        {
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal(CompatibilityStatus.Failed, r.Status));
        }
        else
        {
            Assert.Empty(results);
        }
    }

    [Fact]
    public void With_the_destination_unreachable_the_destination_rules_are_silent()
    {
        var facts = FactBuilder.SqlServer();
        facts.DestinationError = ProviderError.Connecting(ErrorIds.ServerUnreachable, 0);
        var context = facts.Build();
        Assert.Empty(new MigrationExtensionRule().Run(context));
        Assert.Empty(new DestinationCompanyRule().Run(context));
        Assert.Empty(new SchemaAlignmentRule().Run(context));
        Assert.DoesNotContain(new PermissionRule().Run(context), r => r.TargetType == CompatibilityTargetType.Destination);
        Assert.NotEmpty(new SourceTableRule().Run(context));
    }

    [Fact]
    public void With_the_source_unreachable_the_destination_is_still_judged()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceError = ProviderError.Connecting(ErrorIds.ServerUnreachable, 53);
        var results = CompatibilityRules.Evaluate(facts.Build());
        Assert.Equal(["Connectivity", "Connectivity", "Permissions", "MigrationExtension"], results.Select(r => r.Check));
        Assert.Equal([CompatibilityStatus.Failed, CompatibilityStatus.Passed, CompatibilityStatus.Passed, CompatibilityStatus.Passed], results.Select(r => r.Status));
    }

    [Fact]
    public void The_healthy_sql_server_context_passes_every_check_in_rule_order()
    {
        var results = CompatibilityRules.Evaluate(FactBuilder.Healthy());
        Assert.All(results, r => Assert.True(r.Status == CompatibilityStatus.Passed, $"{r}: {r.Message}"));
        Assert.All(results, r => Assert.Null(r.Code));
        var order = CompatibilityRules.All.Select(r => r.Check).ToList();
        Assert.Equal(order, results.Select(r => r.Check).Distinct());
        Assert.Equal(results.Select(r => order.IndexOf(r.Check)).Order(), results.Select(r => order.IndexOf(r.Check)));
    }

    [Fact]
    public void The_sqlite_context_passes_or_is_not_applicable_once_per_sql_server_only_check()
    {
        var results = CompatibilityRules.Evaluate(FactBuilder.Sqlite().Build());
        Assert.All(results, r => Assert.Contains(r.Status, new[] { CompatibilityStatus.Passed, CompatibilityStatus.NotApplicable }));
        foreach (var check in SqlServerOnly)
        {
            var source = Assert.Single(results, r => r.Check == check && r.TargetType == CompatibilityTargetType.Source);
            Assert.Equal(CompatibilityStatus.NotApplicable, source.Status);
            Assert.False(string.IsNullOrWhiteSpace(source.Message), check);
        }

        Assert.DoesNotContain(results, r => r.Status == CompatibilityStatus.NotApplicable && !SqlServerOnly.Contains(r.Check));
    }

    [Fact]
    public void Evaluate_runs_only_the_rules_given()
    {
        var results = CompatibilityRules.Evaluate(FactBuilder.Healthy(), [new RunSizeRule(), new DataSizeRule()]);
        Assert.Equal(["RunSize", "DataSize"], results.Select(r => r.Check));
        Assert.Throws<ArgumentNullException>(() => CompatibilityRules.Evaluate(null!));
    }

    private static ICompatibilityRule Rule(string check) => CompatibilityRules.All.Single(r => r.Check == check);
}
