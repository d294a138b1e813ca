using System.Text.RegularExpressions;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Conformance;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CloudMigration.Engine.Tests.Sql;

/// <summary>
/// Every piece of T-SQL the engine can send to SQL Server is parsed with Microsoft's own parser (ScriptDom),
/// at compatibility level 130 (the minimum Microsoft supports for a source) and 160. No SQL Server needed.
/// </summary>
public sealed partial class ScriptDomTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    /// <summary>SQLite answers this from the file system, so it has no SQLite script.</summary>
    private const string SqlServerOnlyScript = "Discovery.DatabaseExists";

    /// <summary>
    /// Creates the cm procedures on SQL Server; on SQLite those procedures are C# (Pipelines.Procedures.SqliteProcedureRegistry),
    /// so it has no SQLite script either.
    /// </summary>
    private const string SqlServerOnlyProcedureScript = "Pipelines.CreateProcedures";

    /// <summary>cm.ApplyTable: SQL Server only for the same reason (on SQLite, Pipelines.Procedures.ApplyTableProcedure).</summary>
    private const string SqlServerOnlyApplyScript = "Pipelines.CreateApplyProcedure";

    /// <summary>The source's cm procedures: SQL Server only for the same reason.</summary>
    private const string SqlServerOnlySourceProcedureScript = "Setup.CreateSourceProcedures";

    /// <summary>Scripts that create or drop the control schema and the source objects: no result set to compare.</summary>
    private static readonly string[] DefinitionScripts = ["Setup.CreateControlSchema", "Setup.DropControlSchema", "Setup.CreateSourceObjects", "Setup.DropSourceObjects"];

    /// <summary>Reads the control schema, which the read-only sample has not; compared on a prepared copy below.</summary>
    private const string SetupStateScript = "Setup.State";

    /// <summary>
    /// Scripts of the replication control table: one creates it (no result set), the other reads it, and the read-only sample
    /// has no control table. Their columns are compared on a prepared copy by the Pipelines tests (PipelineBuilderRunTests).
    /// </summary>
    private static readonly string[] ControlTableScripts = ["Pipelines.CreateControlTable", "Pipelines.ReplicationTables"];

    /// <summary>
    /// Replication's DDL scripts (change capture on a source, the sync state table in a destination) return no result set;
    /// both dialects run them in the Replication tests, and their SQL Server text is parsed here with every other script.
    /// </summary>
    private static readonly string[] ReplicationDdlScripts = [Engine.Replication.ReplicationScripts.EnableChangeCapture, Engine.Replication.ReplicationScripts.CreateSyncState];

    /// <summary>Returns what SL's getVersion procedure returns; the engine reads it by column name, not ordinal.</summary>
    private const string ProcedureResultScript = "Facts.SlVersion";

    public static TheoryData<int> ParserVersions => [130, 160];

    /// <summary>Names that would break out of a naively quoted identifier, and some merely awkward ones.</summary>
    public static TheoryData<string> HostileNames =>
    [
        "x];DROP TABLE y--",
        "x\";DROP TABLE y--",
        "x'; DROP TABLE y; --",
        "]",
        "]]",
        "[",
        "a]b[c",
        "[x]",
        "x]]]",
        "/* comment",
        "*/",
        "tab\tname",
        "line\r\nbreak",
        "x]\r\nGO\r\nDROP TABLE y --",
        "Fabrikam Inc./West\\\"HQ\"",
        "$systemId",
        "名前 ünïcode",
        "CRONUS USA, Inc.$SL Account$237981b4-9e3c-437c-9b92-988aae978e8f",
    ];

    private static readonly ISqlDialect Dialect = SqlServerDialect.Instance;

    [Theory]
    [MemberData(nameof(ParserVersions))]
    public void Every_embedded_sql_server_script_parses(int version)
    {
        var scripts = SqlScripts.All("SqlServer").ToList();
        Assert.True(scripts.Count >= 5, $"Expected the embedded SQL Server scripts, found {scripts.Count}.");
        AssertParses(version, scripts);
    }

    [Theory]
    [MemberData(nameof(ParserVersions))]
    public void Create_table_and_insert_parse_for_every_sl_table(int version)
    {
        var tables = SlCatalog.Default.Tables;
        Assert.Equal(60, tables.Count);
        var scripts = new List<(string Name, string Text)>();
        foreach (var table in tables)
        {
            // Parse only: SQL Server refuses an explicit value for the tstamp (timestamp/rowversion) column.
            var schema = SampleEnvironmentBuilder.SlSchema(table);
            scripts.Add(("SL CREATE " + table.Name, SchemaScripts.CreateTable(Dialect, schema)));
            scripts.Add(("SL INSERT " + table.Name, SchemaScripts.Insert(Dialect, schema)));
        }

        foreach (var schema in SlSystemTables())
        {
            scripts.Add(("SL system CREATE " + schema.Name, SchemaScripts.CreateTable(Dialect, schema)));
            scripts.Add(("SL system INSERT " + schema.Name, SchemaScripts.Insert(Dialect, schema)));
        }

        AssertParses(version, scripts);
    }

    [Theory]
    [MemberData(nameof(ParserVersions))]
    public void Create_table_and_insert_parse_for_every_bc_staging_table(int version)
    {
        var app = SlCatalog.Default.App;
        var scripts = new List<(string Name, string Text)>();
        foreach (var company in new[] { "0010", "CRONUS USA, Inc.", "Fabrikam Inc./West" })
        {
            foreach (var table in SlCatalog.Default.Tables)
            {
                var schema = SampleEnvironmentBuilder.BcSchema(BcNaming.CompanyTable(company, table.BcTable, app.Id),
                    table.Fields.Select(f => new ColumnSchema(f.Name, f.BcSqlType)).ToArray(), table.PrimaryKey);
                scripts.Add(("BC CREATE " + schema.Name, SchemaScripts.CreateTable(Dialect, schema)));
                scripts.Add(("BC INSERT " + schema.Name, SchemaScripts.Insert(Dialect, schema)));
            }
        }

        foreach (var schema in BcSystemTables())
        {
            scripts.Add(("BC CREATE " + schema.Name, SchemaScripts.CreateTable(Dialect, schema)));
            scripts.Add(("BC INSERT " + schema.Name, SchemaScripts.Insert(Dialect, schema)));
        }

        Assert.Equal(2 * ((3 * 60) + 2), scripts.Count);
        AssertParses(version, scripts);
    }

    [Theory]
    [MemberData(nameof(ParserVersions))]
    public void Conformance_fixture_scripts_parse(int version)
    {
        Assert.NotEmpty(SqlServerFixtureScripts.All);
        AssertParses(version, SqlServerFixtureScripts.All);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void QuoteIdentifier_keeps_a_hostile_name_one_identifier(string name)
    {
        var table = new TableSchema(name, [new ColumnSchema(name, "int"), new ColumnSchema("v", "nvarchar(10)")], [name]);
        var q = Dialect.QuoteIdentifier(name);
        var scripts = new (string Name, string Text)[]
        {
            ("CREATE", SchemaScripts.CreateTable(Dialect, table)),
            ("INSERT", SchemaScripts.Insert(Dialect, table)),
            ("SELECT", $"SELECT {q} FROM dbo.{q} WHERE {q} = 1;"),
        };

        foreach (var version in new[] { 130, 160 })
        {
            foreach (var quotedIdentifiers in new[] { true, false })
            {
                var parsed = new Dictionary<string, TSqlStatement>();
                foreach (var (label, text) in scripts)
                {
                    var script = Parse(version, text, out var errors, quotedIdentifiers);
                    Assert.True(errors.Count == 0, $"{label} of '{name}' (TSql{version}, QUOTED_IDENTIFIER {quotedIdentifiers}): {Describe(errors)}\n{text}");
                    var batch = Assert.Single(script.Batches);
                    parsed[label] = Assert.Single(batch.Statements);
                }

                var create = Assert.IsType<CreateTableStatement>(parsed["CREATE"]);
                Assert.Equal(name, create.SchemaObjectName.BaseIdentifier.Value);
                Assert.Equal([name, "v"], create.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));

                var insert = Assert.IsType<InsertStatement>(parsed["INSERT"]);
                var target = Assert.IsType<NamedTableReference>(insert.InsertSpecification.Target);
                Assert.Equal(name, target.SchemaObject.BaseIdentifier.Value);
                Assert.Equal([name, "v"], insert.InsertSpecification.Columns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value));

                var select = Assert.IsType<SelectStatement>(parsed["SELECT"]);
                var from = Assert.IsType<NamedTableReference>(Assert.Single(((QuerySpecification)select.QueryExpression).FromClause.TableReferences));
                Assert.Equal(name, from.SchemaObject.BaseIdentifier.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void LargeValueQuery_with_hostile_names_is_one_select_and_nothing_else(string name)
    {
        (string Table, string Column)[] columns = [(name, name), (name, "v"), ("t", name)];
        var text = LargeValueQuery.Build(Dialect, columns);
        foreach (var version in new[] { 130, 160 })
        {
            foreach (var quotedIdentifiers in new[] { true, false })
            {
                var script = Parse(version, text, out var errors, quotedIdentifiers);
                Assert.True(errors.Count == 0, $"'{name}' (TSql{version}, QUOTED_IDENTIFIER {quotedIdentifiers}): {Describe(errors)}\n{text}");
                var batch = Assert.Single(script.Batches);
                var select = Assert.IsType<SelectStatement>(Assert.Single(batch.Statements));
                var outer = Assert.IsType<QuerySpecification>(select.QueryExpression);
                Assert.Null(outer.FromClause);
                Assert.Equal(columns.Length, outer.SelectElements.Count);
                for (var i = 0; i < columns.Length; i++)
                {
                    // (SELECT MAX(DATALENGTH([column])) FROM [table]) AS [v<i>]
                    var element = Assert.IsType<SelectScalarExpression>(outer.SelectElements[i]);
                    Assert.Equal("v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), element.ColumnName.Value);
                    var inner = Assert.IsType<QuerySpecification>(Assert.IsType<ScalarSubquery>(element.Expression).QueryExpression);
                    var from = Assert.IsType<NamedTableReference>(Assert.Single(inner.FromClause.TableReferences));
                    Assert.Equal(columns[i].Table, from.SchemaObject.BaseIdentifier.Value);
                    var max = Assert.IsType<FunctionCall>(Assert.IsType<SelectScalarExpression>(Assert.Single(inner.SelectElements)).Expression);
                    Assert.Equal("MAX", max.FunctionName.Value, ignoreCase: true);
                    var length = Assert.IsType<FunctionCall>(Assert.Single(max.Parameters));
                    Assert.Equal("DATALENGTH", length.FunctionName.Value, ignoreCase: true);
                    var column = Assert.IsType<ColumnReferenceExpression>(Assert.Single(length.Parameters));
                    Assert.Equal(columns[i].Column, Assert.Single(column.MultiPartIdentifier.Identifiers).Value);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task LargeValueQuery_with_hostile_names_runs_read_only_on_sqlite(string name)
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var table = new TableSchema(name, [new ColumnSchema(name, "nvarchar(50)"), new ColumnSchema("v", "ntext", Nullable: true)], []);
        copy.Execute("SLApp",
            SchemaScripts.CreateTable(SqliteDialect.Instance, table) +
            $"INSERT INTO {q(name)} ({q(name)}, {q("v")}) VALUES ('abc', 'x'), ('h\u00e9llo', NULL);" +
            "CREATE TABLE y (id int); INSERT INTO y VALUES (42);");
        var before = File.ReadAllBytes(copy.PathOf("SLApp"));

        (string Table, string Column)[] columns = [(name, name), (name, "v"), ("y", "id")];
        var sql = LargeValueQuery.Build(SqliteDialect.Instance, columns);
        var endpoint = copy.Endpoint("SLApp");
        await using (var connection = await SqliteProvider.Instance.OpenAsync(endpoint, write: false, CancellationToken.None))
        {
            var rows = await connection.QueryAsync(sql, r => Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? (long?)null : r.GetInt64(i)).ToArray(), CancellationToken.None);
            var row = Assert.Single(rows);

            // Bytes, not characters: 'h\u00e9llo' is 6 bytes in UTF-8; the NULL does not count; 42 is stored as an integer, measured as text.
            Assert.Equal(new long?[] { 6, 1, 2 }, row);
            var count = await connection.QueryAsync("SELECT COUNT(*) FROM y", r => r.GetInt64(0), CancellationToken.None);
            Assert.Equal([1L], count);
        }

        Assert.Equal(before, File.ReadAllBytes(copy.PathOf("SLApp")));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void RowCountQuery_with_hostile_names_is_one_select_and_nothing_else(string name)
    {
        (string Table, string? CompanyColumn)[] tables = [(name, name), (name, null), ("t", name), (name, "CpnyID")];
        var text = RowCountQuery.Build(Dialect, tables);
        foreach (var version in new[] { 130, 160 })
        {
            foreach (var quotedIdentifiers in new[] { true, false })
            {
                var script = Parse(version, text, out var errors, quotedIdentifiers);
                Assert.True(errors.Count == 0, $"'{name}' (TSql{version}, QUOTED_IDENTIFIER {quotedIdentifiers}): {Describe(errors)}\n{text}");
                var batch = Assert.Single(script.Batches);
                var select = Assert.IsType<SelectStatement>(Assert.Single(batch.Statements));
                Assert.Null(select.Into);
                var parts = UnionAllParts(select.QueryExpression);
                Assert.Equal(tables.Length, parts.Count);
                for (var i = 0; i < tables.Length; i++)
                {
                    AssertCountsOneTable(parts[i], i, tables[i].Table, tables[i].CompanyColumn);
                }
            }
        }
    }

    [Fact]
    public void RowCountQuery_of_one_table_is_one_plain_select()
    {
        foreach (var (table, column) in new[] { ("GLTran", (string?)"CpnyID"), ("Account", null) })
        {
            var text = RowCountQuery.Build(Dialect, [(table, column)]);
            var script = Parse(130, text, out var errors);
            Assert.True(errors.Count == 0, Describe(errors));
            var select = Assert.IsType<SelectStatement>(Assert.Single(Assert.Single(script.Batches).Statements));
            AssertCountsOneTable(Assert.IsType<QuerySpecification>(select.QueryExpression), 0, table, column);
        }

        Assert.Equal("SELECT 0 AS TableIndex, NULL AS Company, COUNT(*) AS TableRows FROM [Account];", RowCountQuery.Build(Dialect, [("Account", null)]));
        Assert.Throws<ArgumentException>(() => RowCountQuery.Build(Dialect, []));
        Assert.Throws<ArgumentNullException>(() => RowCountQuery.Build(null!, [("Account", null)]));
        Assert.Throws<ArgumentNullException>(() => RowCountQuery.Build(Dialect, null!));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task RowCountQuery_with_hostile_names_counts_right_on_sqlite(string name)
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var q = SqliteDialect.Instance.QuoteIdentifier;
        // The company column is hostile too; ids are stored padded, as SL's char(10) keeps them.
        var table = new TableSchema(name, [new ColumnSchema(name, "char(10)"), new ColumnSchema("v", "int")], []);
        copy.Execute("SLApp",
            SchemaScripts.CreateTable(SqliteDialect.Instance, table) +
            $"INSERT INTO {q(name)} ({q(name)}, {q("v")}) VALUES ('A         ', 1), ('A         ', 2), ('A         ', 3), ('B         ', 4), ('B         ', 5);");
        var before = File.ReadAllBytes(copy.PathOf("SLApp"));

        (string Table, string? CompanyColumn)[] tables = [(name, name), (name, null), ("GLTran", "CpnyID"), ("Account", null)];
        var sql = RowCountQuery.Build(SqliteDialect.Instance, tables);
        var endpoint = copy.Endpoint("SLApp");
        List<(int Index, string? Company, long Rows)> rows;
        long glTran0010, accounts;
        await using (var connection = await SqliteProvider.Instance.OpenAsync(endpoint, write: false, CancellationToken.None))
        {
            rows = await connection.QueryAsync(sql, r => (r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2)), CancellationToken.None);
            glTran0010 = (await connection.QueryAsync("SELECT COUNT(*) FROM GLTran WHERE CpnyID = '0010      ';", r => r.GetInt64(0), CancellationToken.None)).Single();
            accounts = (await connection.QueryAsync("SELECT COUNT(*) FROM Account;", r => r.GetInt64(0), CancellationToken.None)).Single();
        }

        Assert.Equal([("A         ", 3L), ("B         ", 2L)], rows.Where(r => r.Index == 0).Select(r => (r.Company, r.Rows)).OrderBy(r => r.Company, StringComparer.Ordinal));
        Assert.Equal((string?)null, Assert.Single(rows, r => r.Index == 1).Company);
        Assert.Equal(5, Assert.Single(rows, r => r.Index == 1).Rows);
        Assert.True(glTran0010 > 0);
        Assert.Equal(glTran0010, Assert.Single(rows, r => r.Index == 2 && r.Company == "0010      ").Rows);
        Assert.Equal(2, rows.Count(r => r.Index == 2)); // 0010 and 0020 hold GLTran rows in SLApp
        Assert.Equal(accounts, Assert.Single(rows, r => r.Index == 3).Rows);
        Assert.Equal(before, File.ReadAllBytes(copy.PathOf("SLApp")));
    }

    [Fact]
    public void Each_dialect_doubles_its_own_closing_quote()
    {
        Assert.Equal("[a]]b]", SqlServerDialect.Instance.QuoteIdentifier("a]b"));
        Assert.Equal("[a\"b]", SqlServerDialect.Instance.QuoteIdentifier("a\"b"));
        Assert.Equal("\"a\"\"b\"", SqliteDialect.Instance.QuoteIdentifier("a\"b"));
        Assert.Equal("\"a]b\"", SqliteDialect.Instance.QuoteIdentifier("a]b"));
    }

    [Fact]
    public void The_parse_check_itself_reports_errors_with_the_script_name()
    {
        // Guards the guard: a broken script must fail AssertParses, naming the script and the parser's message.
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertParses(130, [("Broken.Script", "SELEC Name FRM dbo.Company;")]));
        Assert.Contains("Broken.Script", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect syntax", ex.Message, StringComparison.Ordinal);

        // Naive quoting (no doubling) is what the hostile-name test exists to catch.
        var naive = "CREATE TABLE [x];DROP TABLE y--] (a int);";
        var script = Parse(130, naive, out var errors);
        Assert.True(errors.Count > 0 || script.Batches.Sum(b => b.Statements.Count) > 1);
    }

    [Fact]
    public void Every_sql_server_script_has_a_sqlite_counterpart_and_no_sqlite_script_is_orphaned()
    {
        var sqlServer = SqlScripts.All("SqlServer").Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var sqlite = SqlScripts.All("Sqlite").Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(SqlServerOnlyScript, sqlServer);
        Assert.DoesNotContain(SqlServerOnlyScript, sqlite);
        Assert.Contains(SqlServerOnlyProcedureScript, sqlServer);
        Assert.DoesNotContain(SqlServerOnlyProcedureScript, sqlite);
        Assert.Contains(SqlServerOnlySourceProcedureScript, sqlServer);
        Assert.DoesNotContain(SqlServerOnlySourceProcedureScript, sqlite);

        var missingInSqlite = sqlServer.Except(sqlite).Except([SqlServerOnlyScript, SqlServerOnlyProcedureScript, SqlServerOnlyApplyScript, SqlServerOnlySourceProcedureScript]).Order(StringComparer.Ordinal).ToList();
        var missingInSqlServer = sqlite.Except(sqlServer).Order(StringComparer.Ordinal).ToList();
        Assert.True(missingInSqlite.Count == 0, "SQL Server scripts without a SQLite counterpart: " + string.Join(", ", missingInSqlite));
        Assert.True(missingInSqlServer.Count == 0, "SQLite scripts without a SQL Server counterpart: " + string.Join(", ", missingInSqlServer));
    }

    [Fact]
    public async Task Counterpart_scripts_return_the_same_columns_in_the_same_order()
    {
        // The engine reads results by ordinal, so both dialects must return the same columns in the same order.
        // SQL Server's column names come from ScriptDom; SQLite's from running its script on the sample.
        var sqlite = SqlScripts.All("Sqlite").ToDictionary(s => s.Name, s => s.Text, StringComparer.Ordinal);
        var checkedScripts = 0;
        foreach (var (name, text) in SqlScripts.All("SqlServer").Where(s => s.Name is not (SqlServerOnlyScript or SqlServerOnlyProcedureScript or SqlServerOnlyApplyScript or SqlServerOnlySourceProcedureScript or ProcedureResultScript or SetupStateScript)
                     && !ControlTableScripts.Contains(s.Name) && !DefinitionScripts.Contains(s.Name) && !ReplicationDdlScripts.Contains(s.Name)))
        {
            var expected = SelectColumns(name, text);
            var actual = await SqliteColumnsAsync(name, sqlite[name]);
            Assert.True(expected.Count == actual.Count, $"{name}: SQL Server returns {expected.Count} result set(s) but SQLite returns {actual.Count}.");
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(expected[i].SequenceEqual(actual[i], StringComparer.OrdinalIgnoreCase),
                    $"{name}, result set {i + 1}: SQL Server returns [{string.Join(", ", expected[i])}] but SQLite returns [{string.Join(", ", actual[i])}].");
            }

            checkedScripts++;
        }

        Assert.True(checkedScripts >= 4);
    }

    [Fact]
    public async Task The_setup_state_script_returns_the_same_columns_on_both_dialects()
    {
        // The state is read by column name, but Get-CmSetup must see the same shape from either destination.
        var copy = Path.Combine(Path.GetTempPath(), "cm-state-" + Guid.NewGuid().ToString("N") + SampleEnvironmentBuilder.FileExtension);
        File.Copy(Path.Combine(fixture.Folder, SampleEnvironmentBuilder.DestinationDatabase + SampleEnvironmentBuilder.FileExtension), copy);
        try
        {
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = SqliteDialect.Instance.Script("Setup.CreateControlSchema");
                await command.ExecuteNonQueryAsync();
                command.CommandText = SqliteDialect.Instance.Script(SetupStateScript);
                await using var reader = await command.ExecuteReaderAsync();
                var expected = SelectColumns(SetupStateScript, SqlServerDialect.Instance.Script(SetupStateScript));
                var set = 0;
                do
                {
                    Assert.Equal(expected[set++], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName), StringComparer.OrdinalIgnoreCase);
                }
                while (await reader.NextResultAsync());

                Assert.Equal(5, set);
            }
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static void AssertParses(int version, IEnumerable<(string Name, string Text)> scripts)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (name, text) in scripts)
        {
            count++;
            Parse(version, text, out var errors);
            if (errors.Count > 0)
            {
                failures.Add($"{name} (TSql{version}Parser): {Describe(errors)}\n    {text.ReplaceLineEndings("\n    ")}");
            }
        }

        Assert.True(count > 0, "No scripts were given to parse.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} scripts do not parse:\n" + string.Join("\n", failures));
    }

    private static TSqlScript Parse(int version, string text, out IList<ParseError> errors, bool quotedIdentifiers = true)
    {
        TSqlParser parser = version switch
        {
            130 => new TSql130Parser(quotedIdentifiers),
            160 => new TSql160Parser(quotedIdentifiers),
            _ => throw new ArgumentOutOfRangeException(nameof(version)),
        };
        using var reader = new StringReader(text);
        return Assert.IsType<TSqlScript>(parser.Parse(reader, out errors));
    }

    /// <summary>The queries of a chain of UNION ALLs, left to right; fails on any other set operation.</summary>
    private static List<QuerySpecification> UnionAllParts(QueryExpression expression)
    {
        if (expression is BinaryQueryExpression binary)
        {
            Assert.Equal(BinaryQueryExpressionType.Union, binary.BinaryQueryExpressionType);
            Assert.True(binary.All, "Expected UNION ALL.");
            return [.. UnionAllParts(binary.FirstQueryExpression), .. UnionAllParts(binary.SecondQueryExpression)];
        }

        return [Assert.IsType<QuerySpecification>(expression)];
    }

    /// <summary>SELECT &lt;index&gt; AS TableIndex, [column]|NULL AS Company, COUNT(*) AS TableRows FROM [table] (GROUP BY [column]).</summary>
    private static void AssertCountsOneTable(QuerySpecification query, int index, string table, string? companyColumn)
    {
        var from = Assert.IsType<NamedTableReference>(Assert.Single(query.FromClause.TableReferences));
        Assert.Equal(table, from.SchemaObject.BaseIdentifier.Value);
        Assert.Null(from.SchemaObject.SchemaIdentifier);
        Assert.Null(query.WhereClause);
        Assert.Equal(3, query.SelectElements.Count);
        var elements = query.SelectElements.Select(e => Assert.IsType<SelectScalarExpression>(e)).ToArray();
        Assert.Equal(["TableIndex", "Company", "TableRows"], elements.Select(e => e.ColumnName.Value));
        Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<IntegerLiteral>(elements[0].Expression).Value);
        var count = Assert.IsType<FunctionCall>(elements[2].Expression);
        Assert.Equal("COUNT", count.FunctionName.Value, ignoreCase: true);
        if (companyColumn is null)
        {
            Assert.IsType<NullLiteral>(elements[1].Expression);
            Assert.Null(query.GroupByClause);
        }
        else
        {
            var column = Assert.IsType<ColumnReferenceExpression>(elements[1].Expression);
            Assert.Equal(companyColumn, Assert.Single(column.MultiPartIdentifier.Identifiers).Value);
            var grouping = Assert.IsType<ExpressionGroupingSpecification>(Assert.Single(query.GroupByClause.GroupingSpecifications));
            var grouped = Assert.IsType<ColumnReferenceExpression>(grouping.Expression);
            Assert.Equal(companyColumn, Assert.Single(grouped.MultiPartIdentifier.Identifiers).Value);
        }
    }

    private static string Describe(IEnumerable<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message} (error {e.Number})"));

    /// <summary>The output column names of the first SELECT of a T-SQL script.</summary>
    /// <summary>The column names of every result set the script returns, in order.</summary>
    private static List<List<string>> SelectColumns(string name, string text)
    {
        var script = Parse(160, text, out var errors);
        Assert.True(errors.Count == 0, $"{name}: {Describe(errors)}");
        var selects = script.Batches.SelectMany(b => b.Statements).OfType<SelectStatement>().ToList();
        Assert.True(selects.Count > 0, $"{name} has no SELECT.");
        return selects.Select(select => Assert.IsType<QuerySpecification>(select.QueryExpression).SelectElements.Select(e => e switch
        {
            SelectScalarExpression { ColumnName: { } alias } => alias.Value,
            SelectScalarExpression { Expression: ColumnReferenceExpression column } => column.MultiPartIdentifier.Identifiers[^1].Value,
            _ => throw new Xunit.Sdk.XunitException($"{name}: the select element '{e.GetType().Name}' has no name; give it an alias."),
        }).ToList()).ToList();
    }

    /// <summary>Runs a SQLite script on the sample's databases until one can answer it; returns its column names.</summary>
    private async Task<List<List<string>>> SqliteColumnsAsync(string name, string text)
    {
        var errors = new List<string>();
        foreach (var database in new[] { SampleEnvironmentBuilder.SystemDatabase, SampleEnvironmentBuilder.DestinationDatabase, "SLApp" })
        {
            var path = Path.Combine(fixture.Folder, database + SampleEnvironmentBuilder.FileExtension);
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = text;
            foreach (var parameter in ParameterPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                command.Parameters.AddWithValue(parameter, "Company");
            }

            try
            {
                await using var reader = await command.ExecuteReaderAsync();
                var sets = new List<List<string>>();
                do
                {
                    sets.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList());
                }
                while (await reader.NextResultAsync());

                return sets;
            }
            catch (SqliteException ex)
            {
                errors.Add($"{database}: {ex.Message}");
            }
        }

        throw new Xunit.Sdk.XunitException($"The SQLite script {name} ran on none of the sample databases: {string.Join("; ", errors)}");
    }

    // The Dynamics SL system tables the sample creates (SampleEnvironmentBuilder), as SQL Server would hold them.
    private static IEnumerable<TableSchema> SlSystemTables() =>
    [
        new TableSchema("Company",
        [
            new("Active", "smallint"), new("CpnyID", "char(10)"), new("CpnyName", "char(30)"), new("DatabaseName", "char(30)"),
            new("Addr1", "char(60)"), new("City", "char(30)"), new("Country", "char(3)"), new("tstamp", "timestamp"),
        ], ["CpnyID"]),
        new TableSchema("Registration", [new("CustomerName", "char(60)"), new("SerialNbr", "char(30)"), new("RegType", "char(1)"), new("tstamp", "timestamp")], ["SerialNbr"]),
        new TableSchema("MCSetup", [new("SetupId", "char(2)"), new("BaseCuryId", "char(4)"), new("MCActivated", "smallint"), new("tstamp", "timestamp")], ["SetupId"]),
    ];

    // The Business Central system tables the sample creates, through the same BcSchema helper.
    private static IEnumerable<TableSchema> BcSystemTables() =>
    [
        SampleEnvironmentBuilder.BcSchema("Company",
            [new("Name", "nvarchar(30)"), new("Evaluation Company", "tinyint"), new("Display Name", "nvarchar(250)"), new("Business Profile Id", "nvarchar(250)")],
            ["Name"]),
        SampleEnvironmentBuilder.BcSchema("NAV App Installed App",
        [
            new("App ID", "uniqueidentifier"), new("Package ID", "uniqueidentifier"), new("Name", "nvarchar(250)"), new("Publisher", "nvarchar(250)"),
            new("Version Major", "int"), new("Version Minor", "int"), new("Version Build", "int"), new("Version Revision", "int"), new("Extension Type", "int"),
        ], ["App ID"]),
    ];

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterPattern();
}
