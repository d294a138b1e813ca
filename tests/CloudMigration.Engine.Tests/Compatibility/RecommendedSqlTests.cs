using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Compatibility.Rules;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>
/// The T-SQL fixes the rules recommend parse with Microsoft's parser, and hostile database and login names
/// come out of the parse as the very names, not as broken or injected SQL.
/// </summary>
public sealed class RecommendedSqlTests
{
    private const string App = "SL]App";
    private const string App2 = "SL'App2];DROP TABLE x--";
    private const string Login = @"CONTOSO\sl]mig";
    private const string Tenant = "B]C";

    public static TheoryData<int> ParserVersions => [130, 160];

    [Theory]
    [MemberData(nameof(ParserVersions))]
    public void Every_fix_parses_and_names_the_hostile_objects_exactly(int version)
    {
        var fixes = Fixes();
        Assert.Equal(
            [("Permissions", "Source"), ("Permissions", App2), ("Permissions", Tenant), ("CompatibilityLevel", App),
             ("ChangeTracking", App2), ("ChangeTracking", App), ("ChangeTracking", App + "/GLTran")],
            fixes.Select(f => (f.Check, f.TargetType == CompatibilityTargetType.Source ? "Source" : f.Target)));
        foreach (var fix in fixes)
        {
            var script = Parse(version, fix.RecommendedAction, out var errors);
            Assert.True(errors.Count == 0, $"{fix}: {string.Join("; ", errors.Select(e => e.Message))}\n{fix.RecommendedAction}");
            if (fix.TargetType != CompatibilityTargetType.Source)
            {
                // The database the fix is about, exactly as named: "SL]App" from target "SL]App/GLTran".
                Assert.Contains(fix.Target.Split('/')[0], Identifiers(script));
            }
        }

        Assert.Contains(fixes, f => Identifiers(Parse(version, f.RecommendedAction, out _)).Contains(Login));
        Assert.Contains(fixes, f => Identifiers(Parse(version, f.RecommendedAction, out _)).Contains(App2));
        Assert.Contains(fixes, f => Identifiers(Parse(version, f.RecommendedAction, out _)).Contains(Tenant));
    }

    [Fact]
    public void The_fixes_are_one_statement_each_or_use_then_one_statement()
    {
        foreach (var fix in Fixes())
        {
            var statements = Parse(160, fix.RecommendedAction, out _).Batches.SelectMany(b => b.Statements).ToArray();
            Assert.InRange(statements.Length, 1, 2);
            if (statements.Length == 2)
            {
                Assert.IsType<UseStatement>(statements[0]);
            }
        }
    }

    /// <summary>Every T-SQL fix of a context where each such rule fails on a hostile name.</summary>
    private static List<CompatibilityResult> Fixes()
    {
        var facts = FactBuilder.SqlServer()
            .RenameApplicationDatabase(FactBuilder.App, App)
            .RenameApplicationDatabase(FactBuilder.App2, App2)
            .ChangeDatabase(App, d => d with { CompatibilityLevel = 120, RetentionPeriod = 12, RetentionUnits = "HOURS" })
            .ChangeTable(App, "GLTran", t => t with { ChangeTracked = false })
            .ChangeDatabase(App2, d => d with { ChangeTracking = false, IsDbOwner = false });
        facts.SourceServer = facts.SourceServer with { IsSysadmin = false, LoginName = Login };
        facts.DestinationDatabase = facts.DestinationDatabase with { Name = Tenant, IsDbOwner = false };
        var context = facts.Build();
        ICompatibilityRule[] rules = [new PermissionRule(), new CompatibilityLevelRule(), new ChangeTrackingRule()];
        return rules.SelectMany(r => r.Evaluate(context)).Where(r => r.Status is CompatibilityStatus.Failed or CompatibilityStatus.Warning).ToList();
    }

    private static TSqlScript Parse(int version, string text, out IList<ParseError> errors)
    {
        TSqlParser parser = version == 130 ? new TSql130Parser(true) : new TSql160Parser(true);
        using var reader = new StringReader(text);
        return Assert.IsType<TSqlScript>(parser.Parse(reader, out errors));
    }

    private static HashSet<string> Identifiers(TSqlFragment fragment)
    {
        var visitor = new IdentifierCollector();
        fragment.Accept(visitor);
        return visitor.Names;
    }

    private sealed class IdentifierCollector : TSqlFragmentVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public override void ExplicitVisit(Identifier node)
        {
            Names.Add(node.Value);
            base.ExplicitVisit(node);
        }
    }
}
