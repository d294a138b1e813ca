using System.Data.Common;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Runs;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Replication.Runs;

/// <summary>
/// cm.ApplyTable's Full apply on SQLite is one INSERT ... SELECT from the stage (FullStageInsert): it must write what the
/// row-by-row insert (DestinationRowWriter.InsertAsync, the apply before it) writes from the same stage, value for value
/// (storage classes, padding, numbers as the destination's affinity makes them), the required columns alike in shape.
/// </summary>
[Collection(ReplicationRunCollection.Name)]
public sealed partial class FullApplyTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Reference = "cm_TestReference";

    [Fact]
    public async Task A_full_apply_writes_what_the_row_by_row_insert_writes_from_the_same_stage_for_every_table()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        var gl = h.Entry("GLTran");
        // Values whose storage the destination's affinity changes: an integral float into decimal, a tiny and a huge float, padding kept.
        h.Source(gl, "UPDATE GLTran SET CrAmt = 2.0, DrAmt = 0.1, CuryRate = 1e20, Units = -0.000001, TranDesc = 'padded   ' WHERE Module = '01';");

        var run = await h.RunAsync(full: true);

        Assert.Equal(ReplicationRunStatus.UpgradePending, run.Status);
        await using var connection = await SqliteProvider.Instance.OpenAsync(h.Destination, write: true, CancellationToken.None);
        var compared = 0;
        foreach (var row in await new ReplicationRunStore(h.Destination).ReadControlRowsAsync(CancellationToken.None))
        {
            var stage = ControlSchema.StageTableName(SqliteDialect.Instance, row.TableId);
            var expected = await RowByRowAsync(connection, row.Entry, stage);
            var actual = Lines(connection, row.Entry, row.Entry.DestinationTable);
            Assert.Equal(expected, actual);
            compared += actual.Count;
        }

        Assert.True(compared > 0);
        var glLines = Lines(connection, gl, gl.DestinationTable);
        Assert.Contains(glLines, l => l.Contains("|real:0.1|", StringComparison.Ordinal) && l.Contains("|real:1.0e+20|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_apply_skips_and_counts_staged_deletes_in_its_one_transaction()
    {
        using var h = await ReplicationRunHarness.CreateAsync(fixture.Folder);
        var run = await h.RunAsync(full: true);
        Assert.Equal(ReplicationRunStatus.UpgradePending, run.Status);
        var gl = h.Entry("GLTran");
        var row = (await new ReplicationRunStore(h.Destination).ReadControlRowsAsync(CancellationToken.None)).Single(r => r.Entry.SourceTable == "GLTran");
        var stage = ControlSchema.StageTableName(SqliteDialect.Instance, row.TableId);
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var columns = string.Join(", ", gl.Columns.Select(c => q(c.Destination)));
        var op = q(ControlRowBuilder.StageOperationColumn);
        // A stage holding a 'D' row besides every 'U' row (the key deleted, then written again): the emptied table gets every 'U' row.
        h.Bc($"INSERT INTO {q(stage)} ({columns}, {op}) SELECT {columns}, 'D' FROM {q(stage)} LIMIT 1;");
        h.Bc($"UPDATE {ControlTable.QuotedName(SqliteDialect.Instance)} SET RunId = '{run.RunId}', CopyType = 'Full' WHERE TableId = {row.TableId};");
        var staged = h.Setup.Rows($"SELECT COUNT(*), SUM({op} = 'U') FROM {q(stage)}").Single().Split('|');

        await using (var connection = await SqliteProvider.Instance.OpenAsync(h.Destination, write: true, CancellationToken.None))
        {
            await ApplyTableProcedure.RunAsync(new SqliteProcedureContext
            {
                Connection = connection,
                ProcedureName = SqliteProcedureRegistry.ApplyTable,
                Parameters = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase) { ["TableId"] = row.TableId, ["RequestId"] = run.RequestId, ["RowsCopied"] = 0 },
                RunId = "test",
                ActivityName = "ApplyTable",
            }, CancellationToken.None);
        }

        var result = (await h.ResultsAsync(run)).Single(r => r.SourceTable == "GLTran");
        Assert.Equal(long.Parse(staged[0], System.Globalization.CultureInfo.InvariantCulture), result.RecordsCopied);
        Assert.Equal(long.Parse(staged[1], System.Globalization.CultureInfo.InvariantCulture), result.TotalRecords);
        await h.AssertAllMatchAsync();
    }

    /// <summary>The stage's rows written the way the apply wrote them before FullStageInsert, into a copy of the destination table; its lines.</summary>
    private static async Task<IReadOnlyList<string>> RowByRowAsync(DbConnection connection, Planning.TablePlanEntry entry, string stage)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var ddl = (string)(await connection.QueryAsync($"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{entry.DestinationTable.Replace("'", "''", StringComparison.Ordinal)}';",
            r => r.GetString(0), CancellationToken.None)).Single();
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Reference}; " + ddl.Replace(q(entry.DestinationTable), Reference, StringComparison.Ordinal));
        var reference = entry with { DestinationTable = Reference };
        var table = entry.KeyColumns.Count == 0
            ? new ReplicatedTable { Table = entry.SourceTable, KeyColumns = [], Columns = entry.Columns.Select(c => c.Source).ToArray() }
            : ReplicatedTable.From(entry);
        var replication = ReplicationDialects.For(SqliteDialect.Instance);
        var required = await DeltaApplier.RequiredAsync(connection, replication, reference, TimeProvider.System, CancellationToken.None);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var writer = new DestinationRowWriter(connection, transaction, SqliteDialect.Instance, reference, table, required);
            var rows = await connection.QueryAsync(
                "SELECT " + string.Join(", ", entry.Columns.Select(c => q(c.Destination))) + " FROM " + q(stage) + " WHERE " + q(ControlRowBuilder.StageOperationColumn) + " <> 'D';",
                r => Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? null : r.GetValue(i)).ToArray(), CancellationToken.None);
            foreach (var row in rows)
            {
                await writer.InsertAsync(row, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        var lines = Lines(connection, entry, Reference);
        await ExecuteAsync(connection, $"DROP TABLE {Reference};");
        return lines;
    }

    /// <summary>Every row as typeof:quote of each column, the generated columns by their shape (random values differ per write), sorted.</summary>
    private static List<string> Lines(DbConnection connection, Planning.TablePlanEntry entry, string table)
    {
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var mapped = entry.Columns.Select(c => c.Destination).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var columns = connection.QueryAsync($"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}') ORDER BY cid;", r => r.GetString(0), CancellationToken.None)
            .GetAwaiter().GetResult();
        var select = string.Join(" || '|' || ", columns.Select(c => mapped.Contains(c)
            ? $"typeof({q(c)}) || ':' || quote({q(c)})"
            : $"typeof({q(c)}) || ':' || CASE typeof({q(c)}) WHEN 'blob' THEN length({q(c)}) ELSE {q(c)} END"));
        var lines = connection.QueryAsync($"SELECT {select} FROM {q(table)};", r => r.GetString(0), CancellationToken.None).GetAwaiter().GetResult();
        return lines.Select(l => Now().Replace(NewGuid().Replace(l, "text:new-guid"), "text:now")).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("text:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")]
    private static partial Regex NewGuid();

    [GeneratedRegex(@"text:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?=\||$)")]
    private static partial Regex Now();
}
