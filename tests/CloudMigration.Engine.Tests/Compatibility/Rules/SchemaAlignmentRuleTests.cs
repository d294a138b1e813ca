using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;

namespace CloudMigration.Engine.Tests.Compatibility.Rules;

public sealed class SchemaAlignmentRuleTests
{
    private const string Check = "SchemaAlignment";
    private readonly SchemaAlignmentRule rule = new();

    [Fact]
    public void Staging_tables_as_the_extension_creates_them_pass()
    {
        var results = rule.Run(FactBuilder.SqlServer());
        results.AllPassed(Check);
        Assert.Equal(3 * 60, results.Count);
        results.For("0010/GLTran").Is(Check, CompatibilityStatus.Passed, "0010/GLTran", CompatibilityTargetType.Table, company: "0010");
        Assert.Equal("GLTran matches 'SL GLTran Buffer'.", results.For("0010/GLTran").Message);
    }

    [Fact]
    public void A_shortened_destination_column_fails_with_L()
    {
        var result = Single(Staging(s => s.WithColumnType("BatNbr", "nvarchar(5)")));
        Assert.Equal("GLTran does not match 'SL GLTran Buffer' (50011): [BatNbr]L (char(10) -> nvarchar(5))", result.Message);
    }

    [Fact]
    public void A_changed_primary_key_fails_with_PK()
    {
        var result = Single(Staging(s => s.WithPrimaryKey("Module", "BatNbr")));
        Assert.EndsWith("(50011): [LineNbr]PK", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_destination_key_column_the_source_lacks_fails_with_PK()
    {
        var result = Single(Staging(s => s.WithColumn("Extra", "int").WithPrimaryKey("Module", "BatNbr", "LineNbr", "Extra")));
        Assert.EndsWith("(50011): [Extra]PK", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_type_fails_with_T()
    {
        var result = Single(Staging(s => s.WithColumnType("Acct", "int")));
        Assert.Contains("[Acct]T (char(10) -> int)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_destination_column_fails_with_T()
    {
        var result = Single(Staging(s => s.WithoutColumn("Acct")));
        Assert.Contains("[Acct]T (char(10) -> none)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_mismatches_are_listed_together()
    {
        var result = Single(Staging(s => s.WithColumnType("BatNbr", "nvarchar(5)").WithoutColumn("Acct")));
        Assert.Contains("[Acct]T (char(10) -> none); [BatNbr]L (char(10) -> nvarchar(5))", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tstamp_is_ignored_whatever_its_declared_type()
    {
        var facts = FactBuilder.SqlServer().ChangeTable(FactBuilder.App, "GLTran", t => t with { Schema = t.Schema.WithColumnType("tstamp", "binary(8)") });
        Assert.DoesNotContain(facts.StagingTables[FactBuilder.StagingTableName("0010", "GLTran")].Schema.Columns, c => c.Name == "tstamp");
        rule.Run(facts).AllPassed(Check);
    }

    [Fact]
    public void An_absent_destination_company_is_not_applicable_for_that_company()
    {
        var facts = FactBuilder.SqlServer();
        facts.DestinationCompanies.RemoveAll(c => c.Name == "0030");
        var results = rule.Run(facts);
        var result = results.For("0030").Is(Check, CompatibilityStatus.NotApplicable, "0030", CompatibilityTargetType.Company);
        Assert.Contains("setup creates it", result.Message, StringComparison.Ordinal);
        Assert.Equal(2 * 60, results.Count(r => r.Status == CompatibilityStatus.Passed));
        Assert.DoesNotContain(results, r => r.Target.StartsWith("0030/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_staging_table_fails_50011()
    {
        var facts = FactBuilder.SqlServer().RemoveStagingTable("0020", "APDoc");
        var results = rule.Run(facts);
        var result = results.For("0020/APDoc").Is(Check, CompatibilityStatus.Failed, "0020/APDoc", CompatibilityTargetType.Table, code: 50011, company: "0020");
        Assert.Contains("'0020$SL APDoc Buffer$237981b4-9e3c-437c-9b92-988aae978e8f' for APDoc does not exist", result.Message, StringComparison.Ordinal);
        Assert.Contains("Reinstall 'Dynamics SL Migration'", result.RecommendedAction, StringComparison.Ordinal);
        Assert.Single(results, r => r.Status != CompatibilityStatus.Passed);
    }

    [Fact]
    public void A_missing_source_table_is_left_to_the_source_table_check()
    {
        var results = rule.Run(FactBuilder.SqlServer().RemoveTable(FactBuilder.App, "GLTran"));
        Assert.DoesNotContain(results, r => r.Target is "0010/GLTran" or "0020/GLTran");
        results.For("0030/GLTran").Is(Check, CompatibilityStatus.Passed, "0030/GLTran", CompatibilityTargetType.Table, company: "0030");
    }

    [Fact]
    public void A_company_id_with_sql_unsafe_characters_finds_its_staging_tables_by_sql_name()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.Company("A.B", FactBuilder.App)];
        facts.DestinationCompanies.Add(BcFacts.Company(facts.DestinationEndpoint, "A.B"));
        facts.AddStagingTables("A.B");
        Assert.Contains("A_B$SL GLTran Buffer$237981b4-9e3c-437c-9b92-988aae978e8f", facts.StagingTables.Keys);
        var results = rule.Run(facts);
        Assert.Equal(60, results.Count);
        results.AllPassed(Check);
    }

    /// <summary>The healthy facts with one change to company 0010's GLTran staging table.</summary>
    private static FactBuilder Staging(Func<Engine.Discovery.TableSchema, Engine.Discovery.TableSchema> change) =>
        FactBuilder.SqlServer().ChangeStagingSchema("0010", "GLTran", change);

    /// <summary>The one failure, which must be 0010/GLTran, code 50011.</summary>
    private CompatibilityResult Single(FactBuilder facts)
    {
        var results = rule.Run(facts);
        var failure = Assert.Single(results, r => r.Status != CompatibilityStatus.Passed);
        failure.Is(Check, CompatibilityStatus.Failed, "0010/GLTran", CompatibilityTargetType.Table, code: 50011, company: "0010");
        Assert.Contains("restore the standard SL column definitions", failure.RecommendedAction, StringComparison.Ordinal);
        return failure;
    }
}
