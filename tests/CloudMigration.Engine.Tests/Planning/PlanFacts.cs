using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Plans from facts already in memory (FactBuilder's healthy contexts), and finds entries in a plan.</summary>
internal static class PlanFacts
{
    public const string AppId = "237981b4-9e3c-437c-9b92-988aae978e8f";

    public static readonly string[] Companies = ["0010", "0020", "0030"];

    public static PlanInput Input(FactBuilder facts, MappingSet? mappings = null)
    {
        var context = facts.Build();
        return new PlanInput
        {
            Source = context.Source!,
            Destination = context.Destination!,
            Companies = context.SelectedCompanies,
            Mappings = mappings ?? MappingSet.Default(FactBuilder.Catalog),
        };
    }

    public static IReadOnlyList<TablePlanEntry> Plan(FactBuilder facts, MappingSet? mappings = null) => TablePlanner.Plan(Input(facts, mappings));

    /// <summary>The one entry of a company and source table; fails listing the plan's entries for the company otherwise.</summary>
    public static TablePlanEntry Entry(this IEnumerable<TablePlanEntry> entries, string company, string sourceTable)
    {
        var all = entries.ToList();
        var hits = all.Where(e => e.Company == company && string.Equals(e.SourceTable, sourceTable, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(hits.Count == 1, $"Expected one entry {company}/{sourceTable}, found {hits.Count} among: {string.Join(", ", all.Where(e => e.Company == company).Select(e => e.SourceTable))}");
        return hits[0];
    }

    /// <summary>The entries that are not Ready, as text, for failure messages.</summary>
    public static string Describe(IEnumerable<TablePlanEntry> entries) =>
        string.Join("\n", entries.Select(e => $"  {e.Company}/{e.SourceTable} -> {e.DestinationTable}: {e.CopyMethod} {e.Status} {e.Code} {e.Notes}"));

    /// <summary>A company of the SL Company table as FactBuilder makes them.</summary>
    public static SlCompanyFacts Company(string id, string database, bool active = true) => SlFacts.Company(id, database, active);
}
