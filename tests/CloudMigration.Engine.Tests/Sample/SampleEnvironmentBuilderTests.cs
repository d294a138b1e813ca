using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Sample;

public sealed class SampleEnvironmentBuilderTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public void Sample_has_system_application_and_destination_databases()
    {
        var files = Directory.GetFiles(fixture.Folder).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(["BusinessCentral.db", "SLApp.db", "SLApp2.db", "SLSystem.db"], files);
        Assert.Equal(["0010", "0020", "0030", "9990"], fixture.Sample.Companies);
        Assert.Equal(["SLApp", "SLApp2"], fixture.Sample.ApplicationDatabases);
    }

    [Fact]
    public async Task Application_database_holds_the_60_tables_with_sl_types_and_tstamp()
    {
        await using var connection = Open("SLApp");
        var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        Assert.Equal(60, tables.Count);
        var types = Strings(connection, "SELECT name || ' ' || type FROM pragma_table_info('Account')");
        Assert.Contains("Acct char(10)", types, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Active int", types, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("tstamp timestamp", types, StringComparer.OrdinalIgnoreCase);
        var floatColumn = Strings(connection, "SELECT type FROM pragma_table_info('AcctHist') WHERE name = 'BegBal'");
        Assert.Equal(["float"], floatColumn);
        await Task.CompletedTask;
    }

    [Fact]
    public void Rows_are_per_company_and_keyed_by_cpnyid()
    {
        using var main = Open("SLApp");
        using var second = Open("SLApp2");
        // AcctHist carries CpnyID: companies 0010 and 0020 live in SLApp, 0030 in SLApp2; the inactive one has no rows.
        Assert.Equal(["0010", "0020"], Strings(main, "SELECT DISTINCT trim(CpnyID) FROM AcctHist ORDER BY 1"));
        Assert.Equal(["0030"], Strings(second, "SELECT DISTINCT trim(CpnyID) FROM AcctHist ORDER BY 1"));
        Assert.Equal("10", Strings(main, "SELECT COUNT(*) FROM AcctHist")[0]);
        // Account has no CpnyID: shared by the application database.
        Assert.Equal("5", Strings(main, "SELECT COUNT(*) FROM Account")[0]);
    }

    [Fact]
    public void Destination_has_companies_extension_and_bc_shaped_staging_tables()
    {
        using var bc = Open("BusinessCentral");
        Assert.Equal(["0010", "0020", "0030", "CRONUS USA, Inc."], Strings(bc, "SELECT Name FROM Company ORDER BY Name"));
        Assert.Contains("Dynamics SL Migration", Strings(bc, "SELECT Name FROM \"NAV App Installed App\""));
        var appId = SlCatalog.Default.App.Id;
        var columns = Strings(bc, $"SELECT name || ' ' || type FROM pragma_table_info('0010$SL Account${appId}')");
        Assert.Equal("timestamp rowversion", columns[0]);
        Assert.Contains("Acct nvarchar(10)", columns);
        Assert.DoesNotContain(columns, c => c.StartsWith("tstamp", StringComparison.Ordinal));
        Assert.Equal(["$systemId uniqueidentifier", "$systemCreatedAt datetime", "$systemCreatedBy uniqueidentifier", "$systemModifiedAt datetime", "$systemModifiedBy uniqueidentifier"], columns[^5..]);
        Assert.Equal((3 * 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Strings(bc, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE '%$SL %'")[0]);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_data_and_another_seed_differs()
    {
        var a = Path.Combine(fixture.Folder, "a");
        var b = Path.Combine(fixture.Folder, "b");
        var c = Path.Combine(fixture.Folder, "c");
        var builder = new SampleEnvironmentBuilder();
        await builder.CreateAsync(new SampleOptions { Path = a, CompanyCount = 1, RowsPerTable = 3, Seed = 7 }, null, CancellationToken.None);
        await builder.CreateAsync(new SampleOptions { Path = b, CompanyCount = 1, RowsPerTable = 3, Seed = 7 }, null, CancellationToken.None);
        await builder.CreateAsync(new SampleOptions { Path = c, CompanyCount = 1, RowsPerTable = 3, Seed = 8 }, null, CancellationToken.None);
        string Dump(string folder)
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "SLApp.db")};Mode=ReadOnly;Pooling=False");
            connection.Open();
            return string.Join("|", Strings(connection, "SELECT Crtd_User || BegBal || Crtd_DateTime FROM AcctHist ORDER BY Acct"));
        }

        Assert.Equal(Dump(a), Dump(b));
        Assert.NotEqual(Dump(a), Dump(c));
    }

    [Fact]
    public async Task Existing_sample_is_not_replaced_without_force_and_nothing_changes()
    {
        var before = File.GetLastWriteTimeUtc(Path.Combine(fixture.Folder, "SLSystem.db"));
        var ex = await Assert.ThrowsAsync<CmException>(() => new SampleEnvironmentBuilder().CreateAsync(new SampleOptions { Path = fixture.Folder }, null, CancellationToken.None));
        Assert.Equal(ErrorIds.SamplePathNotEmpty, ex.ErrorId);
        Assert.Equal(CmErrorCategory.ResourceExists, ex.Category);
        Assert.Contains("-Force", ex.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(fixture.Folder, "SLSystem.db")));
        Assert.Empty(Directory.GetDirectories(fixture.Folder, ".cm-sample-*"));
    }

    [Fact]
    public async Task Cancelled_sample_leaves_no_files_behind()
    {
        var folder = Path.Combine(fixture.Folder, "cancelled");
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SampleEnvironmentBuilder().CreateAsync(new SampleOptions { Path = folder }, new SyncProgress(() => cts.Cancel()), cts.Token));
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1001, 5)]
    [InlineData(1, -1)]
    public async Task Invalid_options_are_refused(int companies, int rows)
    {
        var ex = await Assert.ThrowsAsync<CmException>(() => new SampleEnvironmentBuilder().CreateAsync(
            new SampleOptions { Path = Path.Combine(fixture.Folder, "bad"), CompanyCount = companies, RowsPerTable = rows }, null, CancellationToken.None));
        Assert.Equal(ErrorIds.SampleInvalidOption, ex.ErrorId);
        Assert.False(Directory.Exists(Path.Combine(fixture.Folder, "bad")));
    }

    private SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.Folder, database + ".db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    internal static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return list;
    }

    private sealed class SyncProgress(Action onReport) : IProgress<Engine.Operations.OperationProgress>
    {
        public void Report(Engine.Operations.OperationProgress value) => onReport();
    }
}
