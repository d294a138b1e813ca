using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Pipelines;
using CloudMigration.Engine.Tests.TablePlanning;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>
/// A private copy of the SQLite sample for replication tests: plan entries from the real planner, change capture on the
/// application database SLApp, full copies through the embedded runner's Copy activity (the control row's query and
/// pre-copy script, with the sync state protocol around it), deltas through ChangeReader and DeltaApplier, and the rows
/// of both sides read with plain SQL of the test's own.
/// </summary>
internal sealed class ReplicationSample : IDisposable
{
    public const string App = "SLApp";

    public ReplicationSample(string sampleFolder)
    {
        Pipeline = new PipelineSample(sampleFolder);
    }

    public PipelineSample Pipeline { get; }

    public PrivateSample Copy => Pipeline.Copy;

    public CmEndpoint AppEndpoint => Copy.Endpoint(App);

    public CmEndpoint Destination => Copy.Destination;

    public static string Q(string name) => SqliteDialect.Instance.QuoteIdentifier(name);

    public async Task<TablePlanEntry> EntryAsync(string company, string table)
    {
        var plan = await SamplePlan.BuildAsync(Copy.Source, Copy.Destination, [company]);
        return plan.Entries.Single(e => e.SourceTable == table && e.Company == company);
    }

    public Task EnableAsync(params TablePlanEntry[] entries) =>
        ChangeCapture.EnableAsync(AppEndpoint, entries.Select(e => new ChangeCapture.TrackedTable(e.SourceTable, ReplicatedTable.From(e).KeyColumns)).Distinct().ToArray(), CancellationToken.None);

    /// <summary>
    /// The full copy as a pipeline runs it, with the sync state protocol: the source's version first, the state cleared,
    /// the Copy activity (the control row's query, pre-copy script emptying the table), then the version recorded.
    /// </summary>
    public async Task<long?> FullCopyAsync(TablePlanEntry entry)
    {
        var version = await ChangeReader.CurrentVersionAsync(AppEndpoint, CancellationToken.None);
        var key = SyncState.For(entry);
        await SyncStateStore.SetAsync(Destination, key, CancellationToken.None);
        var row = Assert.Single(ControlRowBuilder.Build([entry], SqliteDialect.Instance, SqliteDialect.Instance));
        var copy = new JsonObject
        {
            ["name"] = "CopyTable",
            ["type"] = "Copy",
            ["inputs"] = new JsonArray(new JsonObject { ["referenceName"] = "SlAppDs", ["type"] = "DatasetReference", ["parameters"] = new JsonObject { ["TableName"] = row.SourceTable } }),
            ["outputs"] = new JsonArray(new JsonObject { ["referenceName"] = "BcDs", ["type"] = "DatasetReference", ["parameters"] = new JsonObject { ["TableName"] = row.DestinationTable } }),
            ["typeProperties"] = new JsonObject
            {
                ["source"] = new JsonObject { ["type"] = "SqlServerSource", ["sqlReaderQuery"] = row.SourceQuery },
                ["sink"] = new JsonObject { ["type"] = "SqlServerSink", ["preCopyScript"] = row.PreCopyScript },
            },
        };
        var result = await Pipeline.RunAsync(Json.Pipeline(new JsonArray(copy).ToJsonString()));
        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        await SyncStateStore.SetAsync(Destination, key with { LastSyncedVersion = version, LastMethod = "Full", SyncedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        return version;
    }

    public async Task<SyncState?> StateAsync(TablePlanEntry entry) => await SyncStateStore.GetAsync(Destination, SyncState.For(entry), CancellationToken.None);

    public async Task<ChangeSet> ChangesAsync(TablePlanEntry entry) =>
        await ChangeReader.ReadAsync(AppEndpoint, ReplicatedTable.From(entry), (await StateAsync(entry))?.LastSyncedVersion, CancellationToken.None);

    /// <summary>Reads the changes since the destination's synced version and applies them.</summary>
    public async Task<DeltaApplyResult> DeltaAsync(TablePlanEntry entry, DeltaApplierOptions? options = null)
    {
        var changes = await ChangesAsync(entry);
        Assert.False(changes.RequiresFull, changes.FullReason);
        return await new DeltaApplier(options).ApplyAsync(Destination, entry, changes, CancellationToken.None);
    }

    public void Source(string sql) => Copy.Execute(App, sql);

    public void Bc(string sql) => Copy.Execute(SampleEnvironmentBuilder.DestinationDatabase, sql);

    /// <summary>Inserts a copy of the source row matching <paramref name="where"/>, with some columns set to new values (SQL expressions).</summary>
    public void CloneSourceRow(string table, string where, IReadOnlyDictionary<string, string> set)
    {
        var columns = Column(App, $"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}') ORDER BY cid");
        var values = columns.Select(c => set.TryGetValue(c, out var expression) ? expression : Q(c));
        Source($"INSERT INTO {Q(table)} ({string.Join(", ", columns.Select(Q))}) SELECT {string.Join(", ", values)} FROM {Q(table)} WHERE {where} LIMIT 1;");
    }

    /// <summary>The entry's rows in the source (company filter, mapped columns, key order), each as one line of text.</summary>
    public List<string> SourceRows(TablePlanEntry entry) => Column(App,
        $"SELECT {Line(entry.Columns.Select(c => c.Source))} FROM {Q(entry.SourceTable)}" +
        (entry.FilteredByCompany ? $" WHERE rtrim(CpnyID) = '{entry.Company}'" : string.Empty) +
        $" ORDER BY {string.Join(", ", ReplicatedTable.From(entry).KeyColumns.Select(Q))}");

    /// <summary>The entry's rows in the destination (mapped columns, key order), each as one line of text.</summary>
    public List<string> DestinationRows(TablePlanEntry entry) => Column(SampleEnvironmentBuilder.DestinationDatabase,
        $"SELECT {Line(entry.Columns.Select(c => c.Destination))} FROM {Q(entry.DestinationTable)} ORDER BY {string.Join(", ", entry.KeyColumns.Select(Q))}");

    public long Scalar(string database, string sql) => Pipeline.Scalar(database, sql);

    public List<string> Column(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Copy.PathOf(database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public void Dispose() => Pipeline.Dispose();

    // quote() keeps text and numbers apart ('1' is not 1); numbers compare as reals, since a decimal(38,20) staging column
    // (NUMERIC affinity) stores the float 40443.0 as the integer 40443.
    private static string Line(IEnumerable<string> columns) => string.Join(" || '|' || ", columns.Select(c =>
        $"CASE WHEN typeof({Q(c)}) IN ('integer', 'real') THEN quote(CAST({Q(c)} AS REAL)) ELSE quote({Q(c)}) END"));
}
