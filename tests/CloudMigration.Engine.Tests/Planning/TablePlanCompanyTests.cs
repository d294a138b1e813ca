using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility.Integration;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Which companies a plan covers (-Company), on the sample and on private copies of it.</summary>
public sealed class TablePlanCompanyTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private Task<TablePlan> BuildAsync(params string[] companies) => SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination, companies);

    [Theory]
    [InlineData("*", new[] { "0010", "0020", "0030" })]
    [InlineData("00*", new[] { "0010", "0020", "0030" })]
    [InlineData("00[12]0", new[] { "0010", "0020" })]
    [InlineData("*Fabrikam*", new[] { "0020" })]
    [InlineData("0030", new[] { "0030" })]
    [InlineData("northwind traders", new[] { "0030" })]
    public async Task Companies_are_chosen_by_id_or_name_with_wildcards(string pattern, string[] expected)
    {
        var plan = await BuildAsync(pattern);

        Assert.Equal(expected, plan.Entries.Select(e => e.Company).Distinct());
        Assert.Equal(expected.Length * 60, plan.Entries.Count);
        Assert.Empty(plan.UnmatchedCompanies);
        Assert.All(plan.Entries, e => Assert.Equal(PlanStatus.Ready, e.Status));
    }

    [Fact]
    public async Task The_second_application_database_feeds_its_company()
    {
        var plan = await BuildAsync("0030");

        Assert.All(plan.Entries, e => Assert.Equal(SamplePlan.SecondApp, e.SourceDatabase));
        Assert.Equal("0030$SL GLTran Buffer$" + PlanFacts.AppId, plan.Entries.Entry("0030", "GLTran").DestinationTable);
    }

    [Fact]
    public async Task A_wildcard_leaves_the_inactive_company_out_and_its_exact_id_takes_it()
    {
        var wildcard = await BuildAsync("99*");
        Assert.Empty(wildcard.Entries);
        Assert.Empty(wildcard.UnmatchedCompanies);

        var plan = await BuildAsync("9990");
        Assert.Equal(60, plan.Entries.Count);
        Assert.Empty(plan.UnmatchedCompanies);
        Assert.All(plan.Entries, e =>
        {
            Assert.Equal("9990", e.Company);
            Assert.Equal(SamplePlan.MainApp, e.SourceDatabase);
            Assert.Equal(PlanStatus.Ready, e.Status);
            Assert.Equal("The company '9990' does not exist in the destination yet; setup creates it.", e.Notes);
            Assert.StartsWith("9990$", e.DestinationTable, StringComparison.Ordinal);
            Assert.NotEmpty(e.Columns);
            Assert.All(e.Columns, c => Assert.Equal(string.Empty, c.DestinationType));
        });

        // The sample gives the inactive company no rows of its own; the shared tables are copied whole.
        Assert.Equal(0, plan.Entries.Entry("9990", "GLTran").EstimatedRows);
        Assert.True(plan.Entries.Entry("9990", "Account").EstimatedRows > 0);
    }

    [Fact]
    public async Task An_unknown_company_is_reported_unmatched()
    {
        var plan = await BuildAsync("7777");
        Assert.Empty(plan.Entries);
        Assert.Equal(["7777"], plan.UnmatchedCompanies);

        var mixed = await BuildAsync("0010", "7777", "8*");
        Assert.Equal(60, mixed.Entries.Count);
        Assert.All(mixed.Entries, e => Assert.Equal("0010", e.Company));
        Assert.Equal(["7777"], mixed.UnmatchedCompanies);
    }

    [Fact]
    public async Task A_company_id_with_dot_and_slash_gets_underscores_in_the_destination_table()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        Assert.Equal(1, Integration.Execute(copy, "SLSystem", "UPDATE Company SET CpnyID = 'A.B/C' WHERE trim(CpnyID) = '0020';"));

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination);

        Assert.Equal(["0010", "0030", "A.B/C"], plan.Entries.Select(e => e.Company).Distinct());
        var renamed = plan.Entries.Where(e => e.Company == "A.B/C").ToList();
        Assert.Equal(60, renamed.Count);
        Assert.All(renamed, e =>
        {
            Assert.StartsWith("A_B_C$", e.DestinationTable, StringComparison.Ordinal);
            Assert.Equal(SamplePlan.MainApp, e.SourceDatabase);
            // Business Central has no such company yet.
            Assert.Equal(PlanStatus.Ready, e.Status);
            Assert.Contains("setup creates it", e.Notes, StringComparison.Ordinal);
        });
        Assert.Equal("A_B_C$SL GLTran Buffer$" + PlanFacts.AppId, plan.Entries.Entry("A.B/C", "GLTran").DestinationTable);
    }

    [Fact]
    public async Task A_company_with_dot_and_slash_that_business_central_has_is_matched_to_its_tables()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        Assert.Equal(1, Integration.Execute(copy, "SLSystem", "UPDATE Company SET CpnyID = 'A.B/C' WHERE trim(CpnyID) = '0020';"));
        Assert.Equal(1, Integration.Execute(copy, "BusinessCentral", "UPDATE Company SET Name = 'A.B/C' WHERE Name = '0020';"));
        foreach (var table in Products.DynamicsSL.SlCatalog.Default.Tables)
        {
            Integration.Execute(copy, "BusinessCentral",
                $"ALTER TABLE \"{SamplePlan.StagingTable("0020", table.BcTable)}\" RENAME TO \"{SamplePlan.StagingTable("A.B/C", table.BcTable)}\";");
        }

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, ["A.B/C"]);

        Assert.Equal(60, plan.Entries.Count);
        Assert.True(plan.Entries.All(e => e.Status == PlanStatus.Ready && e.Notes.Length == 0), PlanFacts.Describe(plan.Entries.Where(e => e.Notes.Length > 0)));
        Assert.All(plan.Entries, e => Assert.NotEqual(string.Empty, e.Columns[0].DestinationType));
        Assert.Equal("A_B_C$SL Account$" + PlanFacts.AppId, plan.Entries.Entry("A.B/C", "Account").DestinationTable);
    }
}
