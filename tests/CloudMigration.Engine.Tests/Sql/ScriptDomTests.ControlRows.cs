using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Compatibility;
using CloudMigration.Engine.Tests.Pipelines;
using CloudMigration.Engine.Tests.TablePlanning;

namespace CloudMigration.Engine.Tests.Sql;

/// <summary>The control rows' SQL Server source queries and pre-copy scripts (built from the table plan) parse, one statement each.</summary>
public sealed partial class ScriptDomTests
{
    [Theory]
    [MemberData(nameof(ParserVersions))]
    public void Every_control_row_of_a_default_plan_parses_as_one_statement(int version)
    {
        var plan = PlanFacts.Plan(FactBuilder.SqlServer());
        var rows = ControlRowBuilder.Build(plan, SqlServerDialect.Instance, SqlServerDialect.Instance);

        Assert.True(rows.Count > 50, $"Only {rows.Count} control rows from {plan.Count} plan entries.");
        Assert.Contains(rows, r => r.SourceQuery.Contains(" WHERE [CpnyID] = N'", StringComparison.Ordinal));
        AssertOneStatementEach(version, rows);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Control_rows_with_hostile_table_and_column_names_parse_as_one_statement(string name)
    {
        var row = ControlRowBuilderTests.Entry("Account", columns: [name, "CpnyID"]);
        var hostile = new TablePlanEntry
        {
            Company = name, SourceDatabase = row.SourceDatabase, SourceTable = name, DestinationTable = name,
            CopyMethod = row.CopyMethod, Reason = row.Reason, KeyColumns = new NameList([name]), FilteredByCompany = true, Status = PlanStatus.Ready,
            Columns = new ColumnMappingList([new ColumnMapping(name, name, "char", "nvarchar"), new ColumnMapping("CpnyID", "Company " + name, "char", "nvarchar")]),
        };
        var rows = ControlRowBuilder.Build([hostile], SqlServerDialect.Instance, SqlServerDialect.Instance);

        foreach (var version in new[] { 130, 160 })
        {
            AssertOneStatementEach(version, rows);
        }
    }

    private static void AssertOneStatementEach(int version, IReadOnlyList<ControlRow> rows)
    {
        var scripts = rows.SelectMany(r => new[] { ($"{r.TableId} {r.SourceTable} SourceQuery", r.SourceQuery), ($"{r.TableId} {r.SourceTable} PreCopyScript", r.PreCopyScript) }).ToList();
        AssertParses(version, scripts);
        var notOne = scripts
            .Select(s => (s.Item1, Count: Parse(version, s.Item2, out _).Batches.Sum(b => b.Statements.Count)))
            .Where(s => s.Count != 1)
            .ToList();
        Assert.True(notOne.Count == 0, "Not exactly one statement: " + string.Join(", ", notOne.Select(s => $"{s.Item1} ({s.Count})")));
    }
}
