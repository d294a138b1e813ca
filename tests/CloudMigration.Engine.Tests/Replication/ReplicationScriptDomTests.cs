using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>
/// Every piece of T-SQL replication can send to SQL Server, parsed with ScriptDom (TSql130 and TSql160), with names that
/// would break out of naive quoting as the table, the columns and the company: change tracking reads, the change and delta
/// queries, enabling change tracking, the sync state statements, the apply statements and the verification reads.
/// </summary>
public sealed class ReplicationScriptDomTests
{
    private static readonly ISqlDialect Dialect = SqlServerDialect.Instance;
    private static readonly IReplicationDialect Tracking = SqlServerChangeTracking.Instance;

    public static TheoryData<string> HostileNames => ScriptDomTests.HostileNames;

    /// <summary>An entry whose table, key, columns and company are all the hostile name (or built from it).</summary>
    private static TablePlanEntry Entry(string name, bool filtered, bool companyInKey) => new()
    {
        Company = name,
        SourceDatabase = "SLApp",
        SourceTable = name,
        DestinationTable = name + "$dest",
        CopyMethod = CopyMethod.Delta,
        Reason = "test",
        KeyColumns = new NameList(companyInKey ? ["CpnyID", name + " key"] : [name + " key", "Line]Nbr"]),
        FilteredByCompany = filtered,
        Status = PlanStatus.Ready,
        Columns = new ColumnMappingList(
        [
            new ColumnMapping("CpnyID", "CpnyID", "char(10)", "nvarchar(10)"),
            new ColumnMapping(name + " key", name + " key", "char(10)", "nvarchar(10)"),
            new ColumnMapping("Line]Nbr", "Line]Nbr", "int", "int"),
            new ColumnMapping(name, "$" + name, "float", "decimal(38,20)"),
            new ColumnMapping("tran date", "tran date", "smalldatetime", "datetime"),
        ]),
    };

    private static IEnumerable<(string Label, string Sql)> Everything(string name)
    {
        yield return ("CaptureEnabled", Tracking.CaptureEnabled);
        yield return ("CurrentVersion", Tracking.CurrentVersion);
        yield return ("MinValidVersion", Tracking.MinValidVersion(name));
        yield return ("RequiredColumns", Tracking.RequiredColumns);
        yield return ("ExistingTables", Tracking.ExistingTables);
        yield return ("StagedRows", Tracking.StagedRows(name));
        yield return ("Mark table in progress", Engine.Replication.Runs.ReplicationRunStatements.MarkInProgress(Dialect, name, 7));
        foreach (var (statement, i) in Tracking.EnableTable(name, [name, "k2"]).Select((s, i) => (s, i)))
        {
            yield return ("EnableTable " + i, statement);
        }

        yield return ("SyncState select", SyncStateStore.SelectSql(Dialect));
        yield return ("SyncState update", SyncStateStore.UpdateSql(Dialect));
        yield return ("SyncState insert", SyncStateStore.InsertSql(Dialect));
        yield return ("SyncState advance", SyncStateStore.AdvanceSql(Dialect));
        foreach (var (filtered, companyInKey) in new[] { (true, false), (true, true), (false, false) })
        {
            var entry = Entry(name, filtered, companyInKey);
            var table = ReplicatedTable.From(entry);
            var label = $"(filtered {filtered}, company in key {companyInKey})";
            yield return ("Read " + label, ChangeQueries.Read(Tracking, table, DeltaVersion.Default));
            yield return ("Read literal " + label, ChangeQueries.Read(Tracking, table, DeltaVersion.Literal(42)));
            var delta = ChangeQueries.Delta(entry, Dialect, DeltaVersion.Literal(7));
            yield return ("Delta rows " + label, delta.Rows);
            yield return ("Delta deleted keys " + label, delta.DeletedKeys);
            var parameterized = ChangeQueries.Delta(entry, Dialect, DeltaVersion.Parameter("@v"));
            yield return ("Delta rows parameter " + label, parameterized.Rows);
            yield return ("Delta deleted keys parameter " + label, parameterized.DeletedKeys);
            yield return ("Verify source " + label, VerificationQueries.Source(entry, Dialect));
            yield return ("Verify destination " + label, VerificationQueries.Destination(entry, Dialect));
            var statements = DestinationStatements.Build(Dialect, entry, table, ["$systemId", name + " required"]);
            yield return ("Apply delete " + label, statements.Delete.Sql);
            yield return ("Apply update " + label, statements.Update!.Value.Sql);
            yield return ("Apply insert " + label, statements.Insert.Sql);
        }

        // A table of key columns only: the insert skips an existing key instead of updating.
        var keysOnly = Entry(name, false, false) with
        {
            Columns = new ColumnMappingList([new ColumnMapping(name + " key", name + " key", "char(10)", "nvarchar(10)"), new ColumnMapping("Line]Nbr", "Line]Nbr", "int", "int")]),
        };
        var keysOnlyStatements = DestinationStatements.Build(Dialect, keysOnly, ReplicatedTable.From(keysOnly), []);
        Assert.Null(keysOnlyStatements.Update);
        yield return ("Apply insert, keys only", keysOnlyStatements.Insert.Sql);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Every_replication_statement_parses_as_one_statement_with_hostile_names(string name)
    {
        var scripts = Everything(name).ToList();
        Assert.True(scripts.Count > 40);
        foreach (var version in new[] { 130, 160 })
        {
            foreach (var (label, sql) in scripts)
            {
                var script = Parse(version, sql, out var errors);
                Assert.True(errors.Count == 0, $"{label} of '{name}' (TSql{version}): {string.Join("; ", errors.Select(e => e.Message))}\n{sql}");
                var statements = script.Batches.SelectMany(b => b.Statements).ToList();
                Assert.True(statements.Count == 1, $"{label} of '{name}' is {statements.Count} statements:\n{sql}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void The_change_read_is_changetable_left_joined_to_the_table_by_its_keys(string name)
    {
        var entry = Entry(name, filtered: true, companyInKey: false);
        var table = ReplicatedTable.From(entry);
        var select = SingleSelect(ChangeQueries.Read(Tracking, table, DeltaVersion.Default));
        Assert.Equal(3 + table.KeyColumns.Count + table.Columns.Count, select.SelectElements.Count);
        var join = Assert.IsType<QualifiedJoin>(Assert.Single(select.FromClause.TableReferences));
        Assert.Equal(QualifiedJoinType.LeftOuter, join.QualifiedJoinType);
        var changes = Assert.IsType<ChangeTableChangesTableReference>(join.FirstTableReference);
        Assert.Equal(name, changes.Target.BaseIdentifier.Value);
        Assert.Equal("@LastSyncedVersion", Assert.IsType<VariableReference>(changes.SinceVersion).Name);
        Assert.Equal("ct", changes.Alias.Value);
        var target = Assert.IsType<NamedTableReference>(join.SecondTableReference);
        Assert.Equal(name, target.SchemaObject.BaseIdentifier.Value);

        // ON t.[key] = ct.[key] AND ..., the hostile key column as one identifier on both sides.
        var on = Flatten(join.SearchCondition).Select(c => Assert.IsType<BooleanComparisonExpression>(c)).ToList();
        Assert.Equal(table.KeyColumns, on.Select(c => Assert.IsType<ColumnReferenceExpression>(c.FirstExpression).MultiPartIdentifier.Identifiers[^1].Value));
        Assert.Equal(table.KeyColumns, on.Select(c => Assert.IsType<ColumnReferenceExpression>(c.SecondExpression).MultiPartIdentifier.Identifiers[^1].Value));

        var literal = SingleSelect(ChangeQueries.Read(Tracking, table, DeltaVersion.Literal(42)));
        var since = Assert.IsType<ChangeTableChangesTableReference>(Assert.IsType<QualifiedJoin>(Assert.Single(literal.FromClause.TableReferences)).FirstTableReference).SinceVersion;
        Assert.Equal("42", Assert.IsType<IntegerLiteral>(since).Value);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void The_delta_rows_keep_the_company_filter_and_name_columns_as_the_destination_does(string name)
    {
        var entry = Entry(name, filtered: true, companyInKey: true);
        var delta = ChangeQueries.Delta(entry, Dialect, DeltaVersion.Literal(7));
        var rows = SingleSelect(delta.Rows);
        Assert.Equal(entry.Columns.Select(c => c.Destination), rows.SelectElements.Select(e => Assert.IsType<SelectScalarExpression>(e).ColumnName.Value));
        var join = Assert.IsType<QualifiedJoin>(Assert.Single(rows.FromClause.TableReferences));
        Assert.Equal(QualifiedJoinType.Inner, join.QualifiedJoinType);
        // WHERE t.[CpnyID] = N'<company>' AND ct.[CpnyID] = N'<company>': the company is one literal, whatever it holds.
        var filters = Flatten(rows.WhereClause.SearchCondition).Select(c => Assert.IsType<BooleanComparisonExpression>(c)).ToList();
        Assert.Equal(["t", "ct"], filters.Select(f => Assert.IsType<ColumnReferenceExpression>(f.FirstExpression).MultiPartIdentifier.Identifiers[0].Value));
        Assert.All(filters, f => Assert.Equal(name, Assert.IsType<StringLiteral>(f.SecondExpression).Value));

        var deleted = SingleSelect(delta.DeletedKeys);
        Assert.Equal(entry.KeyColumns, deleted.SelectElements.Select(e => Assert.IsType<SelectScalarExpression>(e).ColumnName.Value));
        Assert.Equal(QualifiedJoinType.LeftOuter, Assert.IsType<QualifiedJoin>(Assert.Single(deleted.FromClause.TableReferences)).QualifiedJoinType);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Min_valid_version_and_enabling_name_the_table_exactly(string name)
    {
        var select = SingleSelect(Tracking.MinValidVersion(name));
        var call = Assert.IsType<FunctionCall>(Assert.IsType<SelectScalarExpression>(Assert.Single(select.SelectElements)).Expression);
        Assert.Equal("CHANGE_TRACKING_MIN_VALID_VERSION", call.FunctionName.Value, ignoreCase: true);
        var objectId = Assert.IsType<FunctionCall>(Assert.Single(call.Parameters));
        Assert.Equal(Dialect.QuoteIdentifier(name), Assert.IsType<StringLiteral>(Assert.Single(objectId.Parameters)).Value);

        var enable = Assert.IsType<IfStatement>(Single(Tracking.EnableTable(name, ["k"]).Single()));
        var alter = Assert.IsType<AlterTableChangeTrackingModificationStatement>(enable.ThenStatement);
        Assert.Equal(name, alter.SchemaObjectName.BaseIdentifier.Value);
        Assert.True(alter.IsEnable);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Verification_reads_order_text_keys_trimmed_in_a_binary_collation(string name)
    {
        var entry = Entry(name, filtered: true, companyInKey: false);
        var select = Assert.IsType<SelectStatement>(Single(VerificationQueries.Source(entry, Dialect)));
        var order = select.QueryExpression.OrderByClause.OrderByElements;
        Assert.Equal(2, order.Count);
        var text = Assert.IsType<CastCall>(order[0].Expression);
        Assert.Equal("Latin1_General_100_BIN2", text.Collation.Value);
        Assert.Equal(name + " key", Assert.IsType<ColumnReferenceExpression>(Assert.Single(Assert.IsType<FunctionCall>(text.Parameter).Parameters)).MultiPartIdentifier.Identifiers[^1].Value);
        Assert.Equal("Line]Nbr", Assert.IsType<ColumnReferenceExpression>(order[1].Expression).MultiPartIdentifier.Identifiers[^1].Value);
        Assert.Equal(name, Assert.IsType<NamedTableReference>(Assert.Single(((QuerySpecification)select.QueryExpression).FromClause.TableReferences)).SchemaObject.BaseIdentifier.Value);
    }

    /// <summary>What a replication run sends to SQL Server besides the statements above: its stage queries, the staging tables and the control schema statements of ReplicationRunStore.</summary>
    private static IEnumerable<(string Label, string Sql, int Statements)> RunPath(string name)
    {
        var stage = Engine.Setup.ControlSchema.StageTableName(Dialect, 7);
        foreach (var (filtered, companyInKey) in new[] { (true, false), (true, true), (false, false) })
        {
            var entry = Entry(name, filtered, companyInKey);
            var label = $"(filtered {filtered}, company in key {companyInKey})";
            yield return ("Full stage query " + label, Engine.Pipelines.Builders.ControlRowBuilder.FullStageQuery(entry, Dialect), 1);
            yield return ("Delta stage query " + label, Engine.Replication.Runs.ReplicationService.DeltaStageQuery(entry, Dialect, 42), 1);
            yield return ("Create stage " + label, Engine.Replication.Runs.ReplicationRunStatements.CreateStage(Dialect, entry, stage), 2);
        }

        yield return ("Empty stage", Engine.Replication.Runs.ReplicationRunStatements.EmptyStage(Dialect, stage), 1);
        yield return ("Pre-copy script", Engine.Replication.Runs.ReplicationRunStatements.PreCopyScript(Dialect, stage, name, 7), 2);
        yield return ("Read control rows", Engine.Replication.Runs.ReplicationRunStatements.ReadControlRows(Dialect), 1);
        yield return ("Insert run", Engine.Replication.Runs.ReplicationRunStatements.InsertRun(Dialect), 1);
        yield return ("Reset control row", Engine.Replication.Runs.ReplicationRunStatements.ResetControlRow(Dialect), 1);
        yield return ("Insert result", Engine.Replication.Runs.ReplicationRunStatements.InsertResult(Dialect), 1);
        yield return ("Point control row", Engine.Replication.Runs.ReplicationRunStatements.PointControlRow(Dialect), 1);
        yield return ("Set pipeline run", Engine.Replication.Runs.ReplicationRunStatements.SetPipelineRun(Dialect), 1);
        yield return ("Close results", Engine.Replication.Runs.ReplicationRunStatements.CloseResults(Dialect), 1);
        yield return ("Close run", Engine.Replication.Runs.ReplicationRunStatements.CloseRun(Dialect), 1);
        yield return ("Release control rows", Engine.Replication.Runs.ReplicationRunStatements.ReleaseControlRows(Dialect), 1);
        yield return ("Read runs", Engine.Replication.Runs.ReplicationRunStatements.ReadRuns(Dialect, oneRun: false), 1);
        yield return ("Read one run", Engine.Replication.Runs.ReplicationRunStatements.ReadRuns(Dialect, oneRun: true), 1);
        yield return ("Read results", Engine.Replication.Runs.ReplicationRunStatements.ReadResults(Dialect), 1);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Every_run_path_statement_parses_with_hostile_names(string name)
    {
        foreach (var version in new[] { 130, 160 })
        {
            foreach (var (label, sql, count) in RunPath(name))
            {
                var script = Parse(version, sql, out var errors);
                Assert.True(errors.Count == 0, $"{label} of '{name}' (TSql{version}): {string.Join("; ", errors.Select(e => e.Message))}\n{sql}");
                Assert.True(script.Batches.SelectMany(b => b.Statements).Count() == count, $"{label} of '{name}' is not {count} statement(s):\n{sql}");
            }
        }
    }

    [Fact]
    public void The_sql_server_run_test_scripts_parse()
    {
        foreach (var (label, sql) in Runs.SqlServerSample.Scripts)
        {
            foreach (var version in new[] { 130, 160 })
            {
                Parse(version, sql, out var errors);
                Assert.True(errors.Count == 0, $"{label} (TSql{version}): {string.Join("; ", errors.Select(e => e.Message))}\n{sql}");
            }
        }
    }

    [Fact]
    public void Delta_versions_are_a_literal_or_a_parameter_and_nothing_else()
    {
        Assert.Equal("42", DeltaVersion.Literal(42).Text);
        Assert.Equal("@LastSyncedVersion", DeltaVersion.Default.Text);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeltaVersion.Literal(-1));
        Assert.Throws<ArgumentException>(() => DeltaVersion.Parameter("@x; DROP TABLE y"));
        Assert.Throws<ArgumentException>(() => DeltaVersion.Parameter("x"));
        Assert.Throws<ArgumentException>(() => DeltaVersion.Parameter("(SELECT 1)"));
    }

    private static QuerySpecification SingleSelect(string sql) => Assert.IsType<QuerySpecification>(Assert.IsType<SelectStatement>(Single(sql)).QueryExpression);

    private static TSqlStatement Single(string sql)
    {
        var script = Parse(160, sql, out var errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.Message)) + "\n" + sql);
        return Assert.Single(Assert.Single(script.Batches).Statements);
    }

    private static IEnumerable<BooleanExpression> Flatten(BooleanExpression expression) => expression switch
    {
        BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and => Flatten(and.FirstExpression).Concat(Flatten(and.SecondExpression)),
        BooleanParenthesisExpression parenthesis => Flatten(parenthesis.Expression),
        _ => [expression],
    };

    private static TSqlScript Parse(int version, string text, out IList<ParseError> errors)
    {
        TSqlParser parser = version == 130 ? new TSql130Parser(true) : new TSql160Parser(true);
        using var reader = new StringReader(text);
        return Assert.IsType<TSqlScript>(parser.Parse(reader, out errors));
    }
}
