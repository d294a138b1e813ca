using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Replication;
using CloudMigration.Engine.Replication.Runs;
using CloudMigration.Engine.Replication.Verification;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Setup;

namespace CloudMigration.Engine.Tests.Replication.Runs;

/// <summary>A Ready setup on a private sample (SetupHarness), with the SQLite change log on the plan's tables, and a ReplicationService over it.</summary>
internal sealed class ReplicationRunHarness : IDisposable
{
    private ReplicationRunHarness(SetupHarness setup, IReadOnlyList<TablePlanEntry> entries)
    {
        Setup = setup;
        Entries = entries;
        Service = new ReplicationService(setup.Factories) { PollInterval = TimeSpan.FromMilliseconds(20) };
    }

    public SetupHarness Setup { get; }

    public IReadOnlyList<TablePlanEntry> Entries { get; }

    public ReplicationService Service { get; }

    public Engine.Connections.CmEndpoint Destination => Setup.Sample.Destination;

    public static async Task<ReplicationRunHarness> CreateAsync(string sampleFolder)
    {
        var setup = await SetupHarness.CreateAsync(sampleFolder);
        // On the SQLite sample, setup installs the change log for the keyed tables itself.
        var made = await setup.StartAsync();
        Assert.True(made.Status == SetupStatus.Ready, made.Message);
        var entries = (await new ReplicationRunStore(setup.Sample.Destination).ReadControlRowsAsync(CancellationToken.None)).Select(r => r.Entry).ToList();
        return new ReplicationRunHarness(setup, entries);
    }

    public ReplicationRequest Request(bool full = false, bool wait = true, params string[] tables) =>
        new() { Full = full, Wait = wait, Tables = tables, Source = Setup.Sample.Source };

    public Task<ReplicationRun> RunAsync(bool full = false, params string[] tables) =>
        Service.StartAsync(Destination, Request(full, true, tables), null, CancellationToken.None);

    public async Task<IReadOnlyList<ReplicationTableResult>> ResultsAsync(ReplicationRun run) =>
        await Service.GetTableResultsAsync(Destination, run.RunId, CancellationToken.None);

    public TablePlanEntry Entry(string table) => Entries.Single(e => e.SourceTable == table);

    public void Source(TablePlanEntry entry, string sql) => Setup.Sample.Execute(entry.SourceDatabase, sql);

    public void Bc(string sql) => Setup.Sample.Execute(SampleEnvironmentBuilder.DestinationDatabase, sql);

    /// <summary>Every entry's source rows equal its destination rows (TableVerifier), but the ones named.</summary>
    public async Task AssertAllMatchAsync(params string[] except)
    {
        foreach (var entry in Entries.Where(e => !except.Contains(e.SourceTable)))
        {
            if (entry.KeyColumns.Count == 0)
            {
                // TableVerifier merges by key; a keyless table is compared by its rows, sorted, as text.
                Assert.Equal(Lines(entry.SourceDatabase, entry.Columns.Select(c => c.Source), entry.SourceTable, entry.FilteredByCompany ? $"rtrim(CpnyID) = '{entry.Company}'" : null),
                    Lines(SampleEnvironmentBuilder.DestinationDatabase, entry.Columns.Select(c => c.Destination), entry.DestinationTable, null));
                continue;
            }

            var verified = await new TableVerifier().VerifyAsync(Setup.Sample.Source, Destination, entry, CancellationToken.None);
            Assert.True(verified.Status == VerificationStatus.Match, verified.ToString());
        }
    }

    private List<string> Lines(string database, IEnumerable<string> columns, string table, string? where) =>
        Setup.Rows($"SELECT {string.Join(", ", columns.Select(c => $"CASE WHEN typeof({Q(c)}) IN ('integer', 'real') THEN CAST({Q(c)} AS REAL) ELSE rtrim({Q(c)}) END"))} FROM {Q(table)}" +
                   (where is null ? string.Empty : " WHERE " + where), database).ToList();

    private static string Q(string name) => Engine.Sql.SqliteDialect.Instance.QuoteIdentifier(name);

    public void Dispose()
    {
        foreach (var key in ApplyTableHooks())
        {
            Engine.Pipelines.Procedures.ApplyTableProcedure.BeforeCommit.TryRemove(key, out _);
        }

        Setup.Dispose();
    }

    public string DestinationPath => Path.GetFullPath(Setup.Sample.PathOf(SampleEnvironmentBuilder.DestinationDatabase));

    private IEnumerable<string> ApplyTableHooks() => Engine.Pipelines.Procedures.ApplyTableProcedure.BeforeCommit.Keys.Where(k => k == DestinationPath).ToList();
}

/// <summary>Each test sets up a sample and hosts a node; run them one at a time rather than against each other.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicationRunCollection
{
    public const string Name = "Replication runs";
}
