using System.Globalization;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Setup;

/// <summary>Remove-CmSetup -Source: the SQLite change log setup installed goes too, and the SL tables and rows stay exactly as they were.</summary>
public sealed class RemoveSourceTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static readonly string[] SourceDatabases =
        [SampleEnvironmentBuilder.SystemDatabase, SampleCompany.MainApplicationDatabase, SampleCompany.SecondApplicationDatabase];

    [Fact]
    public async Task Remove_with_Source_drops_the_change_log_and_leaves_every_SL_table_and_row_byte_for_byte()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var before = SourceDatabases.ToDictionary(d => d, d => Dump(harness, d));
        var setup = await harness.StartAsync();
        Assert.True(setup.Status == SetupStatus.Ready, setup.Message);
        Assert.NotEmpty(CmObjects(harness, SampleCompany.MainApplicationDatabase));
        var service = harness.Service();

        var (_, actions) = await service.PreviewRemoveAsync(harness.Sample.Destination, harness.Sample.Source, includeIntegrationRuntime: false, CancellationToken.None);
        Assert.Contains(actions, a => a.StartsWith("Drop the change log (cm_ChangeLog, cm_ChangeTracking and the triggers on 58 tables) from the source database 'SLApp'", StringComparison.Ordinal));
        Assert.NotEmpty(CmObjects(harness, SampleCompany.MainApplicationDatabase)); // the preview reads only

        var removal = await service.RemoveAsync(harness.Sample.Destination, harness.Sample.Source, includeIntegrationRuntime: false, CancellationToken.None);

        Assert.Contains("Change log in 'SLApp'", removal.Removed);
        var removed = removal.Removed.ToList();
        Assert.True(removed.IndexOf("Change log in 'SLApp'") < removed.IndexOf("Source objects in 'SLSystem'"));
        foreach (var database in SourceDatabases)
        {
            Assert.Empty(CmObjects(harness, database));
            Assert.Equal(before[database], Dump(harness, database));
        }

        // Idempotent: nothing is left to drop, so dropping again does nothing.
        Assert.Empty(await ChangeCaptureMaintenance.FindAsync(harness.Sample.Source, CancellationToken.None));
        Assert.False(await ChangeCaptureMaintenance.RemoveAsync(harness.Sample.Endpoint(SampleCompany.MainApplicationDatabase), CancellationToken.None));
    }

    [Fact]
    public async Task An_interrupted_removal_run_again_drops_what_is_left_of_the_change_log()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        Assert.Equal(SetupStatus.Ready, (await harness.StartAsync()).Status);
        // Left half-removed: the log's tables dropped by hand, some triggers still there.
        harness.Sample.Execute(SampleCompany.MainApplicationDatabase, "DROP TABLE cm_ChangeLog; DROP TABLE cm_ChangeTracking;");
        Assert.NotEmpty(CmObjects(harness, SampleCompany.MainApplicationDatabase));

        var removal = await harness.Service().RemoveAsync(harness.Sample.Destination, harness.Sample.Source, includeIntegrationRuntime: false, CancellationToken.None);

        Assert.Contains("Change log in 'SLApp'", removal.Removed);
        Assert.Empty(CmObjects(harness, SampleCompany.MainApplicationDatabase));
    }

    /// <summary>Every cm_ object (table, index, trigger) and any sqlite_sequence row of one.</summary>
    private static List<string> CmObjects(SetupHarness harness, string database) =>
    [
        .. harness.Rows("SELECT type || ' ' || name FROM sqlite_master WHERE name LIKE 'cm!_%' ESCAPE '!'", database),
        .. harness.Rows("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'", database).Count == 0
            ? []
            : harness.Rows("SELECT 'sequence ' || name FROM sqlite_sequence WHERE name LIKE 'cm!_%' ESCAPE '!'", database),
    ];

    /// <summary>The schema of every object but sqlite_ ones, and every row of every table in rowid order, each value with its exact bytes.</summary>
    private static List<string> Dump(SetupHarness harness, string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.Sample.PathOf(database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        var lines = new List<string>();
        var tables = new List<string>();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = "SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY type, name;";
            using var reader = schema.ExecuteReader();
            while (reader.Read())
            {
                lines.Add($"{reader.GetString(0)} {reader.GetString(1)}: {reader.GetString(2)}");
                if (reader.GetString(0) == "table")
                {
                    tables.Add(reader.GetString(1));
                }
            }
        }

        foreach (var table in tables)
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ORDER BY rowid;";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                lines.Add(table + ": " + string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
                {
                    DBNull => "NULL",
                    byte[] bytes => "x" + Convert.ToHexString(bytes),
                    double d => "r" + BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture),
                    long l => "i" + l.ToString(CultureInfo.InvariantCulture),
                    string s => "t" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(s)),
                    var other => "?" + other,
                })));
            }
        }

        return lines;
    }
}
