using System.Text.Json.Nodes;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Sample;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>The table plan turned into replication control rows, and those rows written into the destination's control table.</summary>
public sealed class ControlRowBuilderTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static readonly ISqlDialect Sqlite = SqliteDialect.Instance;
    private static readonly ISqlDialect SqlServer = SqlServerDialect.Instance;

    internal static TablePlanEntry Entry(string table, string company = "0010", bool filtered = true, CopyMethod method = CopyMethod.Full,
        PlanStatus status = PlanStatus.Ready, string[]? columns = null, string[]? keys = null) => new()
    {
        Company = company,
        SourceDatabase = "SLApp",
        SourceTable = table,
        DestinationTable = $"{company}$SL {table}$237981b4-9e3c-437c-9b92-988aae978e8f",
        CopyMethod = method,
        Reason = "test",
        KeyColumns = new NameList(keys ?? ["Acct"]),
        Columns = new ColumnMappingList((columns ?? ["Acct", "CpnyID", "Descr"]).Select(c => new ColumnMapping(c, c + "_bc", "char", "nvarchar")).ToList()),
        FilteredByCompany = filtered,
        Status = status,
    };

    [Fact]
    public void Skipped_and_erroneous_entries_get_no_row_and_the_others_are_numbered_from_one()
    {
        var rows = ControlRowBuilder.Build(
        [
            Entry("A"),
            Entry("B", method: CopyMethod.Skip),
            Entry("C", status: PlanStatus.Error),
            Entry("D", status: PlanStatus.Warning, method: CopyMethod.Delta),
            Entry("E", method: CopyMethod.Skip, status: PlanStatus.Warning),
            Entry("F"),
        ], SqlServer, SqlServer);

        Assert.Equal(["A", "D", "F"], rows.Select(r => r.SourceTable));
        Assert.Equal([1, 2, 3], rows.Select(r => r.TableId));
        Assert.All(rows, r => Assert.Equal("SLApp", r.SourceDatabase));
        Assert.All(rows, r => Assert.Equal("0010", r.Company));
    }

    [Fact]
    public void The_sql_server_query_selects_exactly_the_mapped_columns_and_filters_by_company()
    {
        var row = Assert.Single(ControlRowBuilder.Build([Entry("Account")], SqlServer, SqlServer));

        Assert.Equal("SELECT [Acct] AS [Acct_bc], [CpnyID] AS [CpnyID_bc], [Descr] AS [Descr_bc] FROM [Account] WHERE [CpnyID] = N'0010'", row.SourceQuery);
        Assert.DoesNotContain("tstamp", row.SourceQuery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("$system", row.SourceQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("timestamp", row.SourceQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_table_without_company_column_is_not_filtered()
    {
        var row = Assert.Single(ControlRowBuilder.Build([Entry("Vendor", filtered: false)], SqlServer, SqlServer));

        Assert.DoesNotContain("WHERE", row.SourceQuery, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("FROM [Vendor]", row.SourceQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sqlite_query_trims_the_fixed_width_company_and_supplies_the_system_columns()
    {
        var row = Assert.Single(ControlRowBuilder.Build([Entry("Account")], Sqlite, Sqlite));

        Assert.StartsWith("SELECT \"Acct\" AS \"Acct_bc\", \"CpnyID\" AS \"CpnyID_bc\", \"Descr\" AS \"Descr_bc\", ", row.SourceQuery, StringComparison.Ordinal);
        Assert.EndsWith(" FROM \"Account\" WHERE rtrim(\"CpnyID\") = '0010'", row.SourceQuery, StringComparison.Ordinal);
        Assert.Contains("AS \"timestamp\"", row.SourceQuery, StringComparison.Ordinal);
        foreach (var (name, _) in BcNaming.SystemColumns)
        {
            Assert.Contains("AS \"" + name + "\"", row.SourceQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void Only_a_sqlite_to_sqlite_copy_supplies_the_system_columns(bool sourceIsSqlite, bool destinationIsSqlite)
    {
        var row = Assert.Single(ControlRowBuilder.Build([Entry("Account")], sourceIsSqlite ? Sqlite : SqlServer, destinationIsSqlite ? Sqlite : SqlServer));

        Assert.DoesNotContain("timestamp", row.SourceQuery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("$system", row.SourceQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("randomblob", row.SourceQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "SELECT \"Acct\" AS \"Acct_bc\" FROM \"Account\" WHERE rtrim(\"CpnyID\") = 'O''Brien'")]
    [InlineData(false, "SELECT [Acct] AS [Acct_bc] FROM [Account] WHERE [CpnyID] = N'O''Brien'")]
    public void A_company_id_with_a_quote_is_escaped(bool sqlite, string expected)
    {
        // SQLite to SQL Server, so that the SQLite query has no system columns to compare.
        var row = Assert.Single(ControlRowBuilder.Build([Entry("Account", company: "O'Brien", columns: ["Acct"])], sqlite ? Sqlite : SqlServer, SqlServer));

        Assert.Equal(expected, row.SourceQuery);
    }

    [Fact]
    public void The_pre_copy_script_empties_the_quoted_destination_table_in_the_destination_dialect()
    {
        var entry = Entry("Account");
        var toSqlServer = Assert.Single(ControlRowBuilder.Build([entry], Sqlite, SqlServer));
        var toSqlite = Assert.Single(ControlRowBuilder.Build([entry], SqlServer, Sqlite));

        Assert.Equal("DELETE FROM [0010$SL Account$237981b4-9e3c-437c-9b92-988aae978e8f];", toSqlServer.PreCopyScript);
        Assert.Equal("DELETE FROM \"0010$SL Account$237981b4-9e3c-437c-9b92-988aae978e8f\";", toSqlite.PreCopyScript);
        Assert.Equal(entry.DestinationTable, toSqlServer.DestinationTable);
        Assert.Equal("Insert", toSqlServer.WriteBehavior);
    }

    [Fact]
    public void A_hostile_destination_name_is_quoted_in_the_pre_copy_script()
    {
        var entry = Entry("Account");
        var hostile = new TablePlanEntry
        {
            Company = entry.Company, SourceDatabase = entry.SourceDatabase, SourceTable = "x];DROP TABLE y--", DestinationTable = "a]b[c",
            CopyMethod = entry.CopyMethod, Reason = entry.Reason, KeyColumns = entry.KeyColumns, Columns = entry.Columns,
            FilteredByCompany = true, Status = PlanStatus.Ready,
        };

        var row = Assert.Single(ControlRowBuilder.Build([hostile], SqlServer, SqlServer));

        Assert.Equal("DELETE FROM [a]]b[c];", row.PreCopyScript);
        Assert.Contains("FROM [x]];DROP TABLE y--] WHERE", row.SourceQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_columns_are_a_json_array()
    {
        var row = Assert.Single(ControlRowBuilder.Build([Entry("GLTran", keys: ["Module", "BatNbr", "Line\"Nbr"])], SqlServer, SqlServer));

        Assert.Equal(["Module", "BatNbr", "Line\"Nbr"], JsonNode.Parse(row.KeyColumns)!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public void Empty_key_columns_are_an_empty_json_array()
    {
        var row = Assert.Single(ControlRowBuilder.Build([Entry("GLTran", keys: [])], SqlServer, SqlServer));

        Assert.Equal("[]", row.KeyColumns);
    }

    // ---- ControlTableWriter, on a private copy of the sample ----

    [Fact]
    public async Task The_writer_creates_the_control_table_when_missing_and_writes_the_rows()
    {
        using var sample = new PipelineSample(fixture.Folder);
        Assert.Equal(0, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM sqlite_master WHERE name = '{ControlTable.SqliteName}'"));
        var rows = ControlRowBuilder.Build([Entry("Account"), Entry("GLTran")], Sqlite, Sqlite);

        var written = await ControlTableWriter.WriteAsync(sample.Copy.Destination, rows, CancellationToken.None);

        Assert.Equal(2, written);
        Assert.Equal(2, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {ControlTable.SqliteName}"));
        Assert.Equal(rows[1].SourceQuery, sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT SourceQuery FROM {ControlTable.SqliteName} WHERE TableId = 2"));
        Assert.Equal(rows[0].PreCopyScript, sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT PreCopyScript FROM {ControlTable.SqliteName} WHERE TableId = 1"));
        Assert.Equal(rows[0].KeyColumns, sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT KeyColumns FROM {ControlTable.SqliteName} WHERE TableId = 1"));
    }

    [Fact]
    public async Task Writing_again_replaces_the_rows()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var first = ControlRowBuilder.Build([Entry("Account"), Entry("GLTran"), Entry("Vendor", filtered: false)], Sqlite, Sqlite);
        await ControlTableWriter.WriteAsync(sample.Copy.Destination, first, CancellationToken.None);
        await ControlTableWriter.WriteAsync(sample.Copy.Destination, first, CancellationToken.None);
        Assert.Equal(3, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {ControlTable.SqliteName}"));

        var second = ControlRowBuilder.Build([Entry("Batch")], Sqlite, Sqlite);
        await ControlTableWriter.WriteAsync(sample.Copy.Destination, second, CancellationToken.None);

        Assert.Equal(1, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {ControlTable.SqliteName}"));
        Assert.Equal("Batch", sample.Text(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT SourceTable FROM {ControlTable.SqliteName}"));
    }

    [Fact]
    public async Task A_failure_mid_write_leaves_the_old_rows()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var old = ControlRowBuilder.Build([Entry("Account"), Entry("GLTran")], Sqlite, Sqlite);
        await ControlTableWriter.WriteAsync(sample.Copy.Destination, old, CancellationToken.None);
        var good = ControlRowBuilder.Build([Entry("Batch")], Sqlite, Sqlite)[0];
        // The second row violates NOT NULL (SourceQuery null), after the delete and the first insert ran.
        var broken = good with { TableId = 2, SourceQuery = null! };

        var ex = await Record.ExceptionAsync(() => ControlTableWriter.WriteAsync(sample.Copy.Destination, [good, broken], CancellationToken.None));

        Assert.NotNull(ex);
        Assert.Equal(2, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {ControlTable.SqliteName}"));
        Assert.Equal(0, sample.Scalar(SampleEnvironmentBuilder.DestinationDatabase, $"SELECT COUNT(*) FROM {ControlTable.SqliteName} WHERE SourceTable = 'Batch'"));
    }
}
