using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Replication.Runs;

/// <summary>
/// Start-CmReplication, Get-CmReplicationRun, Wait-CmReplicationRun, Stop-CmReplicationRun and Get-CmReplicationTableResult:
/// replication runs of a Ready setup, recorded in the destination's control schema. A run decides per control-table row
/// Full or Delta (ChangeReader's verdict, or -Full), writes each row's source query (the mapped columns with op 'U', or the
/// delta's upserts 'U' UNION ALL deleted keys 'D' since the synced version, as a literal) and makes its staging table, then
/// runs the setup's one replication pipeline: Copy into the stage, then cm.ApplyTable applies the stage, the synced version
/// and the table's result in one destination transaction. A run killed anywhere leaves the version with the rows it covers,
/// so running again converges on the source.
/// </summary>
public sealed class ReplicationService
{
    private const string Activity = "Replicating";
    private readonly DataFactoryService factories;

    public ReplicationService(DataFactoryService factories)
    {
        this.factories = factories ?? throw new ArgumentNullException(nameof(factories));
    }

    /// <summary>Polling interval of waits.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Starts a run (and waits for it with <see cref="ReplicationRequest.Wait"/>); returns the run as recorded.</summary>
    public async Task<ReplicationRun> StartAsync(CmEndpoint destination, ReplicationRequest request, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(request);
        var (setup, factory, pipeline) = await ReadySetupAsync(destination, cancellationToken).ConfigureAwait(false);
        var store = new ReplicationRunStore(destination);
        if (setup.IntegrationRuntime is { } runtime)
        {
            // A local factory's IR with no live host (the process that hosted it ended, or was killed): this process hosts it.
            await factories.EnsureLocalNodeAsync(factory, runtime, cancellationToken).ConfigureAwait(false);
        }

        // A run still recorded InProgress: closed when its pipeline run ended (or died), else this run must wait.
        foreach (var open in (await store.ReadRunsAsync(null, cancellationToken).ConfigureAwait(false)).Where(r => r.Status == ReplicationRunStatus.InProgress))
        {
            var closed = await RefreshAsync(store, factory, open, cancellationToken).ConfigureAwait(false);
            if (closed.Status == ReplicationRunStatus.InProgress)
            {
                throw new CmException(ErrorIds.ReplicationRunInProgress, CmErrorCategory.ResourceExists,
                    $"The replication run {open.RunId} of '{destination.DisplayString}' is still in progress (pipeline run {open.PipelineRunId}).",
                    $"Wait for it (Wait-CmReplicationRun -Destination '{destination.DisplayString}' -Id {open.RunId}) or stop it (Stop-CmReplicationRun), then start again.", open.RunId);
            }
        }

        Report(progress, "Reading the control table and the sync state", 0);
        var all = await store.ReadControlRowsAsync(cancellationToken).ConfigureAwait(false);
        var selected = all.Where(r => r.Enabled && Matches(request.Companies, r.Entry.Company) &&
                                      (Matches(request.Tables, r.Entry.SourceTable) || (request.Tables.Count > 0 && Matches(request.Tables, r.Entry.DestinationTable)))).ToList();
        if (selected.Count == 0)
        {
            throw new CmException(ErrorIds.ReplicationNoTables, CmErrorCategory.InvalidArgument,
                $"No enabled table of the setup of '{destination.DisplayString}' matches" +
                (request.Companies.Count + request.Tables.Count == 0 ? "." : $" the companies ({string.Join(", ", request.Companies)}) and tables ({string.Join(", ", request.Tables)}) asked for."),
                "Check -Company and -Table against the setup's table plan (Get-CmSetup).", destination.DisplayString);
        }

        var source = SourceOf(setup, request);
        await ChangeCaptureMaintenance.CleanupAsync(source, selected.Select(r => r.Entry.SourceDatabase), TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false); // SQLite change log retention
        var catalog = new SourceTableCatalog();
        var prepared = new List<PreparedTable>();
        foreach (var row in selected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            prepared.Add(await PrepareAsync(destination, source, catalog, row, request.Full, cancellationToken).ConfigureAwait(false));
            Report(progress, $"Deciding how to copy each table: {prepared.Count} of {selected.Count}", 5 * prepared.Count / selected.Count);
        }

        var now = TimeProvider.GetUtcNow();
        var runId = Guid.NewGuid().ToString();
        var allFull = prepared.All(p => p.CopyType == ReplicationCopyType.Full && p.FromVersion is null);
        var type = request.Full || allFull ? ReplicationRunType.Full : ReplicationRunType.Normal;
        var run = new ReplicationRun
        {
            RunId = runId,
            RequestId = runId,
            Destination = destination.DisplayString,
            Type = type,
            Status = ReplicationRunStatus.InProgress,
            StartedAt = now,
            Tables = prepared.Count,
            Message = !request.Full && allFull ? "Nothing was synced yet, so this Normal run copies every table in full." : string.Empty,
        };

        await store.CreateStagesAsync(prepared, cancellationToken).ConfigureAwait(false);
        await store.CreateRunAsync(run, prepared, all, cancellationToken).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.ReplicationRunStarted, (TelemetryEvents.Product, setup.Product), ("type", type), ("tables", prepared.Count),
            ("fullTables", prepared.Count(p => p.CopyType == ReplicationCopyType.Full)), ("deltaTables", prepared.Count(p => p.CopyType == ReplicationCopyType.Delta)));

        string pipelineRunId;
        try
        {
            pipelineRunId = await factory.CreateRunAsync(pipeline, new JsonObject { [ReplicationPipelineBuilder.RequestIdParameter] = run.RequestId }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await store.CloseRunAsync(runId, ReplicationRunStatus.Failed, TimeProvider.GetUtcNow(), $"The pipeline run could not be created: {ex.Message}",
                nameof(ReplicationTableStatus.Failed), "The run's pipeline never started.", CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await store.SetPipelineRunAsync(runId, pipelineRunId, cancellationToken).ConfigureAwait(false);
        return request.Wait
            ? await WaitAsync(destination, runId, progress, cancellationToken).ConfigureAwait(false)
            : await GetRunAsync(destination, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The runs, newest first (a run whose pipeline ended is closed on the way).</summary>
    public async Task<IReadOnlyList<ReplicationRun>> GetRunsAsync(CmEndpoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var store = await StoreAsync(destination, cancellationToken).ConfigureAwait(false);
        var runs = await store.ReadRunsAsync(null, cancellationToken).ConfigureAwait(false);
        if (runs.Any(r => r.Status == ReplicationRunStatus.InProgress))
        {
            var factory = await FactoryOfAsync(destination, cancellationToken).ConfigureAwait(false);
            var refreshed = new List<ReplicationRun>();
            foreach (var run in runs)
            {
                refreshed.Add(run.Status == ReplicationRunStatus.InProgress ? await RefreshAsync(store, factory, run, cancellationToken).ConfigureAwait(false) : run);
            }

            runs = refreshed;
        }

        return runs;
    }

    /// <summary>One run by id, or the latest when <paramref name="runId"/> is null; ReplicationRunNotFound when there is none.</summary>
    public async Task<ReplicationRun> GetRunAsync(CmEndpoint destination, string? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var store = await StoreAsync(destination, cancellationToken).ConfigureAwait(false);
        var run = (await store.ReadRunsAsync(runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault() ?? throw RunNotFound(destination, runId);
        return run.Status == ReplicationRunStatus.InProgress
            ? await RefreshAsync(store, await FactoryOfAsync(destination, cancellationToken).ConfigureAwait(false), run, cancellationToken).ConfigureAwait(false)
            : run;
    }

    /// <summary>The table results of a run (the latest when <paramref name="runId"/> is null).</summary>
    public async Task<IReadOnlyList<ReplicationTableResult>> GetTableResultsAsync(CmEndpoint destination, string? runId, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(destination, runId, cancellationToken).ConfigureAwait(false);
        return await new ReplicationRunStore(destination).ReadResultsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the run ends, reporting tables done and rows copied; cancelling the wait does not stop the run (see <see cref="StopAsync"/>).</summary>
    public async Task<ReplicationRun> WaitAsync(CmEndpoint destination, string? runId, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var store = await StoreAsync(destination, cancellationToken).ConfigureAwait(false);
        var run = (await store.ReadRunsAsync(runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault() ?? throw RunNotFound(destination, runId);
        var factory = await FactoryOfAsync(destination, cancellationToken).ConfigureAwait(false);
        var stageDialect = SqlProviders.For(destination).Dialect;
        var watch = Stopwatch.StartNew();
        var shown = new HashSet<int>();
        while (true)
        {
            run = await RefreshAsync(store, factory, run, cancellationToken).ConfigureAwait(false);
            var results = await store.ReadResultsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            var active = results.Where(r => r.Status == ReplicationTableStatus.InProgress).ToList();
            var staged = await store.ReadStagedRowsAsync(active.Select(r => (r.TableId, ControlSchema.StageTableName(stageDialect, r.TableId))), cancellationToken).ConfigureAwait(false);

            // One child record per table being copied (rows in its stage so far), closed once the table is done.
            foreach (var table in results.Where(r => shown.Contains(r.TableId) && r.Status != ReplicationTableStatus.InProgress))
            {
                shown.Remove(table.TableId);
                ReportTable(progress, table, $"{table.Status}: {table.RecordsCopied ?? 0:N0} rows", completed: true);
            }

            if (run.Status != ReplicationRunStatus.InProgress)
            {
                foreach (var id in shown)
                {
                    ReportTable(progress, results.First(r => r.TableId == id), run.Status.ToString(), completed: true);
                }

                Report(progress, $"{run.Status}: {run.Tables - run.TablesFailed} of {run.Tables} tables, {run.RecordsCopied:N0} rows", 100, completed: true);
                return run;
            }

            foreach (var table in active)
            {
                shown.Add(table.TableId);
                var rowsSoFar = staged.TryGetValue(table.TableId, out var count) ? count : 0;
                ReportTable(progress, table, string.Create(CultureInfo.InvariantCulture, $"{table.CopyType}: {rowsSoFar:N0} rows copied"), completed: false);
            }

            var done = results.Count(r => r.Status is ReplicationTableStatus.Successful or ReplicationTableStatus.Warning or ReplicationTableStatus.Failed);
            var rows = results.Where(r => r.Status != ReplicationTableStatus.InProgress).Sum(r => r.RecordsCopied ?? 0) + staged.Values.Sum();
            var rate = watch.Elapsed.TotalSeconds > 0 ? rows / watch.Elapsed.TotalSeconds : 0;
            Report(progress, string.Create(CultureInfo.InvariantCulture, $"{done} of {results.Count} tables done, {active.Count} in progress, {rows:N0} rows copied ({rate:N0} rows/s)"),
                results.Count == 0 ? -1 : 5 + (95 * done / results.Count));
            await Task.Delay(PollInterval, TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels the run's pipeline run and records the run Cancelled (the latest InProgress run when <paramref name="runId"/> is null).</summary>
    public async Task<ReplicationRun> StopAsync(CmEndpoint destination, string? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var store = await StoreAsync(destination, cancellationToken).ConfigureAwait(false);
        var runs = await store.ReadRunsAsync(runId, cancellationToken).ConfigureAwait(false);
        var run = (runId is null ? runs.FirstOrDefault(r => r.Status == ReplicationRunStatus.InProgress) : runs.FirstOrDefault()) ?? throw RunNotFound(destination, runId);
        if (run.Status != ReplicationRunStatus.InProgress)
        {
            return run;
        }

        var factory = await FactoryOfAsync(destination, cancellationToken).ConfigureAwait(false);
        if (run.PipelineRunId is { } pipelineRunId)
        {
            await factory.CancelRunAsync(pipelineRunId, cancellationToken).ConfigureAwait(false);
            var deadline = TimeProvider.GetUtcNow() + TimeSpan.FromMinutes(2);
            PipelineRunInfo info;
            while (!Ended((info = await factory.GetRunAsync(pipelineRunId, cancellationToken).ConfigureAwait(false)).Status) && TimeProvider.GetUtcNow() < deadline)
            {
                await Task.Delay(PollInterval, TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }

        await CloseAsync(store, run, ReplicationRunStatus.Cancelled, "The run was stopped.", cancellationToken).ConfigureAwait(false);
        return (await store.ReadRunsAsync(run.RunId, cancellationToken).ConfigureAwait(false))[0];
    }

    private async Task<PreparedTable> PrepareAsync(CmEndpoint destination, CmEndpoint source, SourceTableCatalog catalog, ControlTableRow row, bool full,
        CancellationToken cancellationToken)
    {
        var entry = row.Entry;
        var sourceDatabase = source.WithDatabase(entry.SourceDatabase);
        var dialect = SqlProviders.For(sourceDatabase).Dialect;
        var stage = ControlSchema.StageTableName(SqlProviders.For(destination).Dialect, row.TableId);
        if (!await catalog.ExistsAsync(sourceDatabase, entry.SourceTable, cancellationToken).ConfigureAwait(false))
        {
            return new PreparedTable(row, full ? ReplicationCopyType.Full : ReplicationCopyType.Delta, "Nothing to copy: the table is missing on the source.", null, null, string.Empty, stage)
            {
                Warning = $"The table {entry.SourceTable} does not exist in the source database {entry.SourceDatabase}: nothing was copied, and the rows of " +
                          $"{entry.DestinationTable} were left as they were. If the table was dropped on purpose, disable it in the table plan.",
            };
        }

        var synced = (await SyncStateStore.GetAsync(destination, SyncState.For(entry), cancellationToken).ConfigureAwait(false))?.LastSyncedVersion;
        if (full)
        {
            var current = await ChangeReader.CurrentVersionAsync(sourceDatabase, cancellationToken).ConfigureAwait(false);
            return new PreparedTable(row, ReplicationCopyType.Full, "A Full run copies every table in full.", synced, current, ControlRowBuilder.FullStageQuery(entry, dialect), stage);
        }

        if (entry.KeyColumns.Count == 0)
        {
            var current = await ChangeReader.CurrentVersionAsync(sourceDatabase, cancellationToken).ConfigureAwait(false);
            return new PreparedTable(row, ReplicationCopyType.Full, $"{entry.DestinationTable} has no key columns, so changes cannot be matched to rows: it is copied in full every run.",
                synced, current, ControlRowBuilder.FullStageQuery(entry, dialect), stage);
        }

        var changes = await ChangeReader.ReadAsync(sourceDatabase, ReplicatedTable.From(entry), synced, cancellationToken).ConfigureAwait(false);
        if (changes.RequiresFull)
        {
            return new PreparedTable(row, ReplicationCopyType.Full, changes.FullReason!, synced, changes.CurrentVersion, ControlRowBuilder.FullStageQuery(entry, dialect), stage);
        }

        return new PreparedTable(row, ReplicationCopyType.Delta,
            string.Create(CultureInfo.InvariantCulture, $"{changes.RowsRead} changed key(s) since version {synced}: {changes.Upserts.Count} to write, {changes.DeletedKeys.Count} to delete."),
            synced, changes.CurrentVersion, DeltaStageQuery(entry, dialect, synced!.Value), stage);
    }

    /// <summary>The delta's rows ('U') UNION ALL its deleted keys ('D', the other columns NULL), since the synced version as a literal.</summary>
    internal static string DeltaStageQuery(Planning.TablePlanEntry entry, Sql.ISqlDialect source, long synced)
    {
        var queries = ChangeQueries.Delta(entry, source, DeltaVersion.Literal(synced));
        var q = source.QuoteIdentifier;
        var op = q(ControlRowBuilder.StageOperationColumn);
        var columns = entry.Columns.Select(c => c.Destination).ToArray();
        var rows = "SELECT " + string.Join(", ", columns.Select(c => "r." + q(c))) + ", 'U' AS " + op + " FROM (" + queries.Rows.TrimEnd(';') + ") AS r";
        var deleted = "SELECT " + string.Join(", ", columns.Select(c => entry.KeyColumns.Contains(c, StringComparer.OrdinalIgnoreCase) ? "k." + q(c) : "NULL")) +
                      ", 'D' FROM (" + queries.DeletedKeys.TrimEnd(';') + ") AS k";
        return rows + " UNION ALL " + deleted;
    }

    private async Task<ReplicationRun> RefreshAsync(ReplicationRunStore store, IDataFactory factory, ReplicationRun run, CancellationToken cancellationToken)
    {
        if (run.Status != ReplicationRunStatus.InProgress)
        {
            return run;
        }

        if (run.PipelineRunId is not { } pipelineRunId)
        {
            // Recorded, but its pipeline run was never created (the process died in between): nothing runs it.
            if (TimeProvider.GetUtcNow() - run.StartedAt < TimeSpan.FromMinutes(1))
            {
                return run;
            }

            await CloseAsync(store, run, ReplicationRunStatus.Failed, "The run stopped before its pipeline run was created.", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            PipelineRunInfo info;
            try
            {
                info = await factory.GetRunAsync(pipelineRunId, cancellationToken).ConfigureAwait(false);
            }
            catch (CmException ex) when (ex.ErrorId == ErrorIds.PipelineRunNotFound)
            {
                await CloseAsync(store, run, ReplicationRunStatus.Failed, $"The pipeline run {pipelineRunId} is gone from the factory.", cancellationToken).ConfigureAwait(false);
                return (await store.ReadRunsAsync(run.RunId, cancellationToken).ConfigureAwait(false))[0];
            }

            if (!Ended(info.Status))
            {
                return run;
            }

            var status = info.Status == PipelineRunStatus.Cancelled ? ReplicationRunStatus.Cancelled : ReplicationRunStatus.Completed;
            var message = info.Status == PipelineRunStatus.Succeeded ? string.Empty : $"The pipeline run {pipelineRunId} ended {info.Status}: {info.Message}".TrimEnd(' ', ':');
            await CloseAsync(store, run, status, message, cancellationToken).ConfigureAwait(false);
        }

        return (await store.ReadRunsAsync(run.RunId, cancellationToken).ConfigureAwait(false))[0];
    }

    // Closes a run: Cancelled stays Cancelled; otherwise Failed when a table failed or was never applied, Completed when
    // every table was applied but some with a warning, and UpgradePending when the run was clean (the data upgrade is next).
    private async Task CloseAsync(ReplicationRunStore store, ReplicationRun run, ReplicationRunStatus status, string message, CancellationToken cancellationToken)
    {
        var results = await store.ReadResultsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var unfinished = results.Count(r => r.Status is ReplicationTableStatus.NotStarted or ReplicationTableStatus.InProgress);
        var failed = results.Count(r => r.Status == ReplicationTableStatus.Failed);
        var warnings = results.Count(r => r.Status == ReplicationTableStatus.Warning);
        if (status != ReplicationRunStatus.Cancelled)
        {
            status = failed > 0 || unfinished > 0 ? ReplicationRunStatus.Failed
                : warnings > 0 ? ReplicationRunStatus.Completed
                : ReplicationRunStatus.UpgradePending;
        }

        static string Join(params string[] parts) => string.Join(" ", parts.Where(m => m.Length > 0));
        var text = status switch
        {
            ReplicationRunStatus.Cancelled => (message + $" {unfinished} table(s) were not applied; their synced versions did not move, so the next run copies them again.").Trim(),
            ReplicationRunStatus.Failed => Join($"{failed + unfinished} of {results.Count} table(s) failed (Get-CmReplicationTableResult lists why).", message, run.Message),
            ReplicationRunStatus.Completed => Join($"{results.Count - warnings} table(s) replicated; {warnings} with a warning (Get-CmReplicationTableResult lists them): review them before the data upgrade.", run.Message),
            _ => Join($"{results.Count} table(s) replicated. Business Central's data upgrade comes next; replicate again first if the source changed.", run.Message),
        };
        await store.CloseRunAsync(run.RunId, status, TimeProvider.GetUtcNow(), text,
            unfinished == 0 ? null : status == ReplicationRunStatus.Cancelled ? nameof(ReplicationTableStatus.NotStarted) : nameof(ReplicationTableStatus.Failed),
            status == ReplicationRunStatus.Cancelled ? "The run was stopped before this table was applied." : $"The run ended before this table was applied. {message}".Trim(),
            cancellationToken).ConfigureAwait(false);

        var closed = (await store.ReadRunsAsync(run.RunId, cancellationToken).ConfigureAwait(false))[0];
        var duration = (long)((closed.CompletedAt ?? TimeProvider.GetUtcNow()) - closed.StartedAt).TotalMilliseconds;
        if (closed.TablesFailed > 0 || closed.Status == ReplicationRunStatus.Failed)
        {
            Telemetry.Telemetry.Emit(TelemetryEvents.ReplicationRunCompletedWithFailures, (TelemetryEvents.Product, "DynamicsSL"), ("type", closed.Type), ("status", closed.Status),
                ("tables", closed.Tables), ("tablesFailed", closed.TablesFailed), ("recordsCopied", closed.RecordsCopied), (TelemetryEvents.DurationMs, duration));
        }
        else
        {
            Telemetry.Telemetry.Emit(TelemetryEvents.ReplicationRunCompleted, (TelemetryEvents.Product, "DynamicsSL"), ("type", closed.Type), ("status", closed.Status),
                ("tables", closed.Tables), ("recordsCopied", closed.RecordsCopied), (TelemetryEvents.DurationMs, duration));
        }
    }

    private static bool Ended(PipelineRunStatus status) => status is PipelineRunStatus.Succeeded or PipelineRunStatus.Failed or PipelineRunStatus.Cancelled;

    private async Task<(MigrationSetup Setup, IDataFactory Factory, string Pipeline)> ReadySetupAsync(CmEndpoint destination, CancellationToken cancellationToken)
    {
        var setup = await new SetupService(factories).GetAsync(destination, cancellationToken).ConfigureAwait(false);
        if (setup.Status != SetupStatus.Ready || setup.Factory is null)
        {
            throw new CmException(ErrorIds.ReplicationSetupNotReady, CmErrorCategory.InvalidOperation,
                $"The setup of '{destination.DisplayString}' is {setup.Status}, not Ready, so replication cannot start.",
                "Finish the setup first: run Start-CmSetup again (Get-CmSetup shows the failed or waiting step).", destination.DisplayString);
        }

        var factory = (await factories.ResolveAsync(setup.Factory, cancellationToken).ConfigureAwait(false)).Factory;
        return (setup, factory, MigrationResourceNames.WithSuffix(SetupState.SuffixFor(setup.SetupId)).ReplicationPipeline);
    }

    private async Task<IDataFactory> FactoryOfAsync(CmEndpoint destination, CancellationToken cancellationToken)
    {
        var setup = await new SetupService(factories).GetAsync(destination, cancellationToken).ConfigureAwait(false);
        return setup.Factory is { } name
            ? (await factories.ResolveAsync(name, cancellationToken).ConfigureAwait(false)).Factory
            : throw new CmException(ErrorIds.ReplicationSetupNotReady, CmErrorCategory.InvalidOperation,
                $"The setup of '{destination.DisplayString}' has no data factory.", "Run Start-CmSetup.", destination.DisplayString);
    }

    private static async Task<ReplicationRunStore> StoreAsync(CmEndpoint destination, CancellationToken cancellationToken)
    {
        // The run tables came with this version; a setup made before them gets them here.
        await new SetupStateStore(destination).EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return new ReplicationRunStore(destination);
    }

    private static CmEndpoint SourceOf(MigrationSetup setup, ReplicationRequest request)
    {
        if (request.Source is { } given)
        {
            return given;
        }

        try
        {
            return CmEndpoint.Parse(setup.Source);
        }
        catch (CmException ex)
        {
            throw new CmException(ErrorIds.ReplicationSourceRequired, CmErrorCategory.InvalidArgument,
                $"The source the setup recorded ('{setup.Source}') cannot be reached without its credential: {ex.Message}",
                "Give the source with -Source (and -SourceCredential): replication reads each table's change version there when a run starts.", setup.Source, ex);
        }
    }

    private static bool Matches(IReadOnlyList<string> patterns, string value) =>
        patterns.Count == 0 || patterns.Any(p => Regex.IsMatch(value.Trim(), "^" + Regex.Escape(p.Trim()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    private static CmException RunNotFound(CmEndpoint destination, string? runId) => new(ErrorIds.ReplicationRunNotFound, CmErrorCategory.ObjectNotFound,
        runId is null ? $"'{destination.DisplayString}' has no replication run." : $"'{destination.DisplayString}' has no replication run {runId}.",
        "List the runs with Get-CmReplicationRun -Destination, or start one with Start-CmReplication.", runId ?? destination.DisplayString);

    private static void Report(IProgress<OperationProgress>? progress, string status, int percent, bool completed = false) =>
        progress?.Report(new OperationProgress(Activity, status, percent, completed));

    private static void ReportTable(IProgress<OperationProgress>? progress, ReplicationTableResult table, string status, bool completed) =>
        progress?.Report(new OperationProgress($"{table.Company}/{table.SourceTable} into {table.DestinationTable}", status, -1, completed) { Child = table.TableId.ToString(CultureInfo.InvariantCulture) });
}
