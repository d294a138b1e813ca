using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>The destination's SQL name of each entry, as Business Central names company tables.</summary>
public sealed class TablePlannerNamingTests
{
    [Fact]
    public void Every_entry_names_the_staging_table_of_its_company()
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer());

        foreach (var company in PlanFacts.Companies)
        {
            foreach (var table in FactBuilder.Catalog.Tables)
            {
                var entry = plan.Entry(company, table.Name);
                Assert.Equal($"{company}${table.BcTable}${PlanFacts.AppId}", entry.DestinationTable);
                Assert.Equal(company == "0030" ? FactBuilder.App2 : FactBuilder.App, entry.SourceDatabase);
                Assert.Equal(company + "/" + table.Name, entry.ToString());
            }
        }

        Assert.Equal("0010$SL GLTran Buffer$" + PlanFacts.AppId, plan.Entry("0010", "GLTran").DestinationTable);
    }

    [Fact]
    public void A_padded_company_id_is_trimmed()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies = [SlFacts.RawCompany("  0010    ", FactBuilder.App)];
        var plan = PlanFacts.Plan(facts);

        Assert.Equal(60, plan.Count);
        Assert.All(plan, e => Assert.Equal("0010", e.Company));
        Assert.Equal("0010$SL Account$" + PlanFacts.AppId, plan.Entry("0010", "Account").DestinationTable);
        Assert.All(plan, e => Assert.Equal(PlanStatus.Ready, e.Status));
    }

    [Fact]
    public void A_company_name_with_dot_slash_backslash_or_quote_gets_underscores_in_the_table_name()
    {
        const string company = "Fab.Inc/W\\\"1";
        var facts = FactBuilder.SqlServer();
        facts.Companies.Add(PlanFacts.Company(company, FactBuilder.App));
        facts.DestinationCompanies.Add(BcFacts.Company(facts.DestinationEndpoint, company));
        facts.AddStagingTables(company);
        var plan = PlanFacts.Plan(facts);

        var entry = plan.Entry(company, "GLTran");
        Assert.Equal("Fab_Inc_W__1$SL GLTran Buffer$" + PlanFacts.AppId, entry.DestinationTable);
        Assert.Equal(company, entry.Company);
        var of = plan.Where(e => e.Company == company).ToList();
        Assert.Equal(60, of.Count);
        Assert.All(of, e =>
        {
            Assert.StartsWith("Fab_Inc_W__1$", e.DestinationTable, StringComparison.Ordinal);
            Assert.Equal(PlanStatus.Ready, e.Status);
            Assert.Empty(e.Notes);
        });
    }

    [Fact]
    public void A_company_only_the_source_has_is_named_the_same_way_before_setup()
    {
        var facts = FactBuilder.SqlServer();
        facts.Companies.Add(PlanFacts.Company("A.B/C", FactBuilder.App2));
        var plan = PlanFacts.Plan(facts);

        var entry = plan.Entry("A.B/C", "Account");
        Assert.Equal("A_B_C$SL Account$" + PlanFacts.AppId, entry.DestinationTable);
        Assert.Equal(PlanStatus.Ready, entry.Status);
        Assert.Contains("'A.B/C' does not exist in the destination yet", entry.Notes, StringComparison.Ordinal);
    }
}
