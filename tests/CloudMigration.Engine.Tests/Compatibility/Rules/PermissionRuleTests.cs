using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class PermissionRuleTests
{
    private const string Check = "Permissions";
    private readonly PermissionRule rule = new();

    [Fact]
    public void Sysadmin_and_db_owner_everywhere_pass_for_the_server_each_source_database_and_the_destination()
    {
        var facts = FactBuilder.SqlServer();
        var results = rule.Run(facts);
        results.AllPassed(Check);
        Assert.Equal([facts.SourceTarget, "SLSystem", "SLApp", "SLApp2", "BC"], results.Select(r => r.Target));
        Assert.Equal(
            [CompatibilityTargetType.Source, CompatibilityTargetType.Database, CompatibilityTargetType.Database, CompatibilityTargetType.Database, CompatibilityTargetType.Destination],
            results.Select(r => r.TargetType));
        Assert.Equal("'slmigration' is sysadmin.", results[0].Message);
    }

    [Fact]
    public void A_login_that_is_not_sysadmin_fails_with_the_alter_server_role_fix()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { IsSysadmin = false };
        var results = rule.Run(facts);
        var result = results.For(facts.SourceTarget).Is(Check, CompatibilityStatus.Failed, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Equal("ALTER SERVER ROLE [sysadmin] ADD MEMBER [slmigration];", result.RecommendedAction);
        Assert.Contains("EXECUTE permission was denied", result.Message, StringComparison.Ordinal);
        Assert.All(results.Skip(1), r => Assert.Equal(CompatibilityStatus.Passed, r.Status));
    }

    [Fact]
    public void A_login_name_with_a_bracket_is_quoted()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceServer = facts.SourceServer with { IsSysadmin = false, LoginName = @"CONTOSO\sl]mig" };
        var result = rule.Run(facts)[0];
        Assert.Equal(@"ALTER SERVER ROLE [sysadmin] ADD MEMBER [CONTOSO\sl]]mig];", result.RecommendedAction);
    }

    [Fact]
    public void A_source_database_without_db_owner_fails_for_that_database_only()
    {
        var facts = FactBuilder.SqlServer().ChangeDatabase(FactBuilder.App2, d => d with { IsDbOwner = false });
        var results = rule.Run(facts);
        var result = results.For("SLApp2").Is(Check, CompatibilityStatus.Failed, "SLApp2", CompatibilityTargetType.Database);
        Assert.Equal("USE [SLApp2]; ALTER ROLE [db_owner] ADD MEMBER [slmigration];", result.RecommendedAction);
        Assert.Equal("'slmigration' is not db_owner of 'SLApp2'.", result.Message);
        Assert.Single(results, r => r.Status == CompatibilityStatus.Failed);
    }

    [Fact]
    public void The_system_database_without_db_owner_fails()
    {
        var facts = FactBuilder.SqlServer();
        facts.SystemDatabaseFacts = facts.SystemDatabaseFacts with { IsDbOwner = false };
        var result = rule.Run(facts).For("SLSystem").Is(Check, CompatibilityStatus.Failed, "SLSystem", CompatibilityTargetType.Database);
        Assert.Equal("USE [SLSystem]; ALTER ROLE [db_owner] ADD MEMBER [slmigration];", result.RecommendedAction);
    }

    [Fact]
    public void A_destination_login_without_db_owner_fails_for_the_tenant_database()
    {
        var facts = FactBuilder.SqlServer();
        facts.DestinationDatabase = facts.DestinationDatabase with { IsDbOwner = false };
        var results = rule.Run(facts);
        var result = results.For("BC").Is(Check, CompatibilityStatus.Failed, "BC", CompatibilityTargetType.Destination);
        Assert.Equal("USE [BC]; ALTER ROLE [db_owner] ADD MEMBER [bcmigration];", result.RecommendedAction);
        Assert.Single(results, r => r.Status == CompatibilityStatus.Failed);
    }

    [Fact]
    public void Azure_sql_has_no_sysadmin_check_but_db_owner_per_database()
    {
        var facts = FactBuilder.SqlServer();
        facts.SourceEndpoint = CmEndpoint.Parse("sqlserver:Server=tcp:slsrv.database.windows.net,1433;Database=SLSystem;User ID=u");
        facts.SourceServer = ServerSpec.AzureSql("u");
        var results = rule.Run(facts);
        results[0].Is(Check, CompatibilityStatus.NotApplicable, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Equal(["SLSystem", "SLApp", "SLApp2", "BC"], results.Skip(1).Select(r => r.Target));
        Assert.All(results.Skip(1), r => Assert.Equal(CompatibilityStatus.Passed, r.Status));
    }

    [Fact]
    public void Sqlite_is_not_applicable_once_per_side()
    {
        var facts = FactBuilder.Sqlite();
        var results = rule.Run(facts);
        Assert.Equal(2, results.Count);
        results.Take(1).SingleNotApplicable(Check, facts.SourceTarget, CompatibilityTargetType.Source);
        results.Skip(1).SingleNotApplicable(Check, facts.DestinationTarget, CompatibilityTargetType.Destination);
    }

    [Fact]
    public void A_sqlite_source_with_a_sql_server_destination_is_not_applicable_once_for_the_source()
    {
        var facts = FactBuilder.Sqlite();
        var sql = FactBuilder.SqlServer();
        facts.DestinationEndpoint = sql.DestinationEndpoint;
        facts.DestinationServer = sql.DestinationServer;
        facts.DestinationDatabase = sql.DestinationDatabase;
        var results = rule.Run(facts);
        Assert.Single(results, r => r.Status == CompatibilityStatus.NotApplicable)
            .Is(Check, CompatibilityStatus.NotApplicable, facts.SourceTarget, CompatibilityTargetType.Source);
        Assert.Single(results, r => r.Status == CompatibilityStatus.Passed).Is(Check, CompatibilityStatus.Passed, "BC", CompatibilityTargetType.Destination);
    }
}
