using System.Globalization;
using System.Text;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Custom catalogs of hundreds of tables on SQLite: every table is read and counted.</summary>
public sealed class TablePlanLargeCatalogTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    // With the 60 default tables, more than SQLite's 500 terms of one compound SELECT.
    private const int CustomTables = 450;

    [Fact]
    public async Task Hundreds_of_custom_tables_are_counted_on_sqlite()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var sql = new StringBuilder("BEGIN;");
        for (var i = 0; i < CustomTables; i++)
        {
            var schema = SamplePlan.SlCustomTable(Name(i));
            sql.Append(SchemaScripts.CreateTable(SqliteDialect.Instance, schema));
            // i % 3 + 1 rows for 0010, one for 0020.
            for (var row = 0; row <= i % 3; row++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {Name(i)} VALUES ('0010      ', 'K{row}', 1.0, x'00');");
            }

            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {Name(i)} VALUES ('0020      ', 'K9', 1.0, x'00');");
        }

        copy.Execute(SamplePlan.MainApp, sql.Append("COMMIT;").ToString());
        var mappings = Enumerable.Range(0, CustomTables).Select(i => new TableMappingInput { SourceTable = Name(i), DestinationTable = "Custom " + Name(i) }).ToArray();

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, ["0010", "0020"], mappings);

        Assert.Equal(2 * (60 + CustomTables), plan.Entries.Count);
        var unread = plan.Entries.Where(e => e.Code == 50004).ToList();
        Assert.True(unread.Count == 0, PlanFacts.Describe(unread.Take(5)));
        for (var i = 0; i < CustomTables; i++)
        {
            Assert.Equal(i % 3 + 1, plan.Entries.Entry("0010", Name(i)).EstimatedRows);
            Assert.Equal(1, plan.Entries.Entry("0020", Name(i)).EstimatedRows);
        }

        var glTran = SamplePlan.Scalar(copy.PathOf(SamplePlan.MainApp), "SELECT COUNT(*) FROM GLTran WHERE trim(CpnyID) = '0010';");
        Assert.Equal(glTran, plan.Entries.Entry("0010", "GLTran").EstimatedRows);
        Assert.Equal(PlanStatus.Ready, plan.Entries.Entry("0010", "GLTran").Status);
    }

    private static string Name(int i) => "XT" + i.ToString("D3", CultureInfo.InvariantCulture);
}
