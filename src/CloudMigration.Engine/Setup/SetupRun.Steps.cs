using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Setup;

/// <summary>The work of each step. Every step checks what exists before it creates anything, so running it again is safe.</summary>
internal sealed partial class SetupRun
{
    private async Task<StepOutcome> ControlSchemaAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return StepOutcome.Done($"The control schema is in '{Destination.Database}'.");
    }

    private async Task<StepOutcome> FactoryAsync(CancellationToken cancellationToken)
    {
        string reason;
        if (request.Factory is null && state.Factory is { } recorded)
        {
            factory = await FactoryAsync(recorded, cancellationToken).ConfigureAwait(false);
            reason = state.FactoryReason ?? $"'{recorded}' was recorded by an earlier run.";
        }
        else
        {
            (factory, reason) = await factories.ResolveAsync(request.Factory, cancellationToken).ConfigureAwait(false);
        }

        state.Factory = factory.Name;
        state.FactoryKind = factory.Kind.ToString();
        state.FactoryReason = reason;
        return StepOutcome.Done(reason);
    }

    private async Task<StepOutcome> IntegrationRuntimeAsync(CancellationToken cancellationToken)
    {
        var target = await CurrentFactoryAsync(cancellationToken).ConfigureAwait(false);
        var info = await target.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        var local = target.Kind == DataFactoryKind.Local;
        var needed = Source.RequiresIntegrationRuntime || request.IntegrationRuntime is not null || state.IntegrationRuntime is not null || (local && info.OnlineNodes == 0);
        if (!needed)
        {
            return new StepOutcome(SetupStepStatus.Skipped,
                $"The source is reached without a self-hosted integration runtime, and '{target.Name}' has {info.OnlineNodes} Online node(s) to run the pipelines.");
        }

        var name = request.IntegrationRuntime ?? state.IntegrationRuntime ?? DefaultRuntimeName;
        var started = Stopwatch.StartNew();
        var runtime = await target.GetIntegrationRuntimeAsync(name, cancellationToken).ConfigureAwait(false);
        CreatedIntegrationRuntime? created = null;
        if (runtime is null)
        {
            created = await factories.CreateIntegrationRuntimeAsync(target.Name, name, $"Created by Start-CmSetup for '{Destination.Database}'.", cancellationToken).ConfigureAwait(false);
            runtime = created.IntegrationRuntime;
            state.IntegrationRuntimeCreated = true;
        }

        state.IntegrationRuntime = runtime.Name;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var localNode = false;
            if (!IsOnline(runtime.State) && local)
            {
                // The embedded default: this process becomes the IR's node, as Register-CmIntegrationRuntimeNode would make it.
                await HostLocalNodeAsync(target, runtime.Name, cancellationToken).ConfigureAwait(false);
                localNode = true;
            }
            else if (!IsOnline(runtime.State) && created is not null)
            {
                newRuntimeKey = created.AuthKey1.Copy();
                newRuntimeKey.MakeReadOnly();
                state.Status = SetupStatus.WaitingForIntegrationRuntime;
                state.Message = $"The integration runtime '{runtime.Name}' was created in '{target.Name}' and needs a node. On a machine that reaches the source, install Microsoft Integration Runtime " +
                                "and register it with the key in IntegrationRuntimeKey (dmgcmd -RegisterNewNode \"<key>\" \"<node name>\"), then run Start-CmSetup again to continue.";
                return new StepOutcome(SetupStepStatus.Waiting, state.Message);
            }

            runtime = await WaitOnlineAsync(target, runtime, cancellationToken).ConfigureAwait(false);
            Telemetry.Telemetry.Emit(TelemetryEvents.IntegrationRuntimeOnline, ("factoryKind", target.Kind), ("nodes", runtime.Nodes.Count), ("localNode", localNode),
                (TelemetryEvents.DurationMs, started.ElapsedMilliseconds));
            return StepOutcome.Done($"'{runtime.Name}' is {runtime.State} with {runtime.Nodes.Count(n => n.Status == "Online")} Online node(s)" +
                                    (localNode ? $"; this process (PID {Environment.ProcessId}) is its node '{Environment.MachineName}'." : "."));
        }
        finally
        {
            created?.AuthKey1.Dispose();
            created?.AuthKey2.Dispose();
        }
    }

    private async Task HostLocalNodeAsync(IDataFactory target, string runtimeName, CancellationToken cancellationToken)
    {
        await factories.HostLocalNodeAsync(target, runtimeName, cancellationToken).ConfigureAwait(false);
        localNodeHosted = true;
    }

    // A setup resumed in another PowerShell process (after a failed compatibility check, say): the node an earlier run hosted
    // ended with its process, though it still looks Online for 2 minutes, and nothing would execute the preparation run. On a
    // local factory this process hosts the recorded IR's node again (registering the same node name updates that node).
    private async Task EnsureLocalNodeAsync(IDataFactory target, CancellationToken cancellationToken)
    {
        if (!localNodeHosted && state.IntegrationRuntime is { } name)
        {
            localNodeHosted = await factories.EnsureLocalNodeAsync(target, name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string DefaultRuntimeName => "cm-ir-" + new string(Environment.MachineName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');

    private static bool IsOnline(IntegrationRuntimeState state) => state is IntegrationRuntimeState.Online or IntegrationRuntimeState.Limited;

    private async Task<IntegrationRuntimeInfo> WaitOnlineAsync(IDataFactory target, IntegrationRuntimeInfo runtime, CancellationToken cancellationToken)
    {
        var deadline = Now + request.Timeout;
        while (!IsOnline(runtime.State))
        {
            if (Now >= deadline)
            {
                throw new CmException(ErrorIds.IntegrationRuntimeNotOnline, CmErrorCategory.OperationTimeout,
                    $"The integration runtime '{runtime.Name}' of '{target.Name}' is {runtime.State} after {request.Timeout.TotalMinutes:0.#} minutes: no node of it is Online.",
                    "Start (or register) a node of the integration runtime on a machine that reaches the source — Register-CmIntegrationRuntimeNode, or dmgcmd -RegisterNewNode with Get-CmIntegrationRuntimeKey's key — then run Start-CmSetup again.",
                    runtime.Name);
            }

            Report($"Waiting for the integration runtime '{runtime.Name}' to be Online ({runtime.State}; {(deadline - Now).TotalSeconds:0} s left)", -1);
            await Task.Delay(options.PollInterval, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            runtime = await target.GetIntegrationRuntimeAsync(runtime.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new CmException(ErrorIds.IntegrationRuntimeNotFound, CmErrorCategory.ObjectNotFound,
                    $"The integration runtime '{runtime.Name}' was removed from '{target.Name}' while setup waited for it.", "Run Start-CmSetup again; it creates the integration runtime again.", runtime.Name);
        }

        return runtime;
    }

    private async Task<StepOutcome> LinkedServicesAsync(CancellationToken cancellationToken)
    {
        var target = await CurrentFactoryAsync(cancellationToken).ConfigureAwait(false);
        var published = await publisher.PublishConnectionsAsync(target, Names, Source, Destination, Source.RequiresIntegrationRuntime ? state.IntegrationRuntime : null, cancellationToken).ConfigureAwait(false);
        return StepOutcome.Done($"Created {string.Join(", ", published.Select(p => $"{p.Kind} '{p.Name}'"))} in '{target.Name}'.");
    }

    private async Task<StepOutcome> PreparationAsync(CancellationToken cancellationToken)
    {
        var target = await CurrentFactoryAsync(cancellationToken).ConfigureAwait(false);
        await EnsureLocalNodeAsync(target, cancellationToken).ConfigureAwait(false);
        var names = Names;
        await publisher.PublishPreparationAsync(target, names, Source, Destination, cancellationToken).ConfigureAwait(false);

        // The pipeline's name is the setup's own, so its unfinished run (a run a stopped setup left behind) is this setup's: wait for it, never start a second.
        var active = await target.QueryRunsAsync(new PipelineRunQuery { PipelineName = names.PreparationPipeline, Statuses = [PipelineRunStatus.Queued, PipelineRunStatus.InProgress] }, cancellationToken).ConfigureAwait(false);
        var run = active.OrderByDescending(r => r.Queued).FirstOrDefault();
        Telemetry.Telemetry.Emit(TelemetryEvents.PreparationStarted, (TelemetryEvents.Product, state.Product), ("resumedRun", run is not null));
        if (run is null)
        {
            var requestId = $"{state.SetupId}:{state.Step(SetupStepName.PreparationPipeline).Attempts.ToString(CultureInfo.InvariantCulture)}";
            var existing = await target.QueryRunsAsync(new PipelineRunQuery { PipelineName = names.PreparationPipeline, Parameter = (PreparationPipelineBuilder.RequestIdParameter, requestId) }, cancellationToken).ConfigureAwait(false);
            run = existing.FirstOrDefault() ?? await target.GetRunAsync(
                await target.CreateRunAsync(names.PreparationPipeline, new JsonObject { [PreparationPipelineBuilder.RequestIdParameter] = requestId }, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }

        run = await new PipelineRunService { PollInterval = options.PollInterval }.WaitAsync(target, run, progress, cancellationToken).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.PreparationCompleted, (TelemetryEvents.Product, state.Product), ("status", run.Status), (TelemetryEvents.DurationMs, run.Duration));
        if (run.Status != PipelineRunStatus.Succeeded)
        {
            var failed = (await target.QueryActivityRunsAsync(run.RunId, CancellationToken.None).ConfigureAwait(false)).Where(a => a.Status == ActivityRunStatus.Failed).ToList();
            throw new CmException(ErrorIds.SetupPreparationFailed, CmErrorCategory.InvalidOperation,
                $"The preparation pipeline run {run.RunId} ended {run.Status}: " +
                (failed.Count > 0 ? string.Join("; ", failed.Select(a => $"{a.ActivityName}: {a.ErrorMessage}")) : run.Message),
                $"Read the failed activity runs (Get-CmActivityRun -Factory {target.Name} -RunId {run.RunId}), fix the cause, then run Start-CmSetup again: it resumes at the preparation.",
                run.RunId);
        }

        var collected = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        state.TotalCompanies = collected?.SourceCompanies;
        return StepOutcome.Done($"Run {run.RunId} succeeded in {run.Duration?.TotalSeconds ?? 0:0.0} s: {collected?.SourceCompanies ?? 0} source companies and {collected?.DestinationExtensions ?? 0} destination extensions collected.");
    }

    private async Task<StepOutcome> CompatibilityAsync(CancellationToken cancellationToken)
    {
        var report = await new CompatibilityService().TestAsync(Source, Destination,
            new CompatibilityOptions { Companies = input.CompanyPatterns, StorageCapacityGB = request.StorageCapacityGB }, progress, cancellationToken).ConfigureAwait(false);
        await store.SaveCompatibilityAsync(report.Results, cancellationToken).ConfigureAwait(false);
        var failed = report.Results.Where(r => r.Status == CompatibilityStatus.Failed).ToList();
        if (report.Ready)
        {
            return StepOutcome.Done($"{report.Results.Count(r => r.Status == CompatibilityStatus.Passed)} passed, {report.Results.Count(r => r.Status == CompatibilityStatus.Warning)} warnings, none failed.");
        }

        Telemetry.Telemetry.Emit(TelemetryEvents.CompatibilityFailed, (TelemetryEvents.Product, state.Product), ("failed", failed.Count), ("connectionErrors", report.ConnectionErrors.Count));

        // Nothing half-made stays in the factory: the connections and the preparation pipeline go; running setup again makes them anew.
        await publisher.RemoveAsync(await CurrentFactoryAsync(cancellationToken).ConfigureAwait(false), Names, cancellationToken).ConfigureAwait(false);
        foreach (var name in new[] { SetupStepName.LinkedServices, SetupStepName.PreparationPipeline })
        {
            var step = state.Step(name);
            step.Status = SetupStepStatus.NotStarted;
            step.Message = "Removed from the factory after the compatibility check failed; made again when setup resumes.";
        }

        var list = string.Join("; ", failed.Take(10).Select(r => $"{r.Check} ({r.Target}): {r.Message}")) + (failed.Count > 10 ? $"; and {failed.Count - 10} more" : string.Empty);
        throw new CmException(ErrorIds.SetupCompatibilityFailed, CmErrorCategory.InvalidData,
            $"{failed.Count} compatibility check(s) failed, so setup stopped and removed what it had made in the factory: {list}",
            $"Fix each failed check (Get-CmSetup -Destination '{Destination.DisplayString}' | Select-Object -ExpandProperty Compatibility | Where-Object Status -eq Failed lists them with their fixes), then run Start-CmSetup again.",
            Destination.DisplayString);
    }

    private async Task<StepOutcome> TablePlanAsync(CancellationToken cancellationToken)
    {
        var service = new TablePlanService();
        var changeLog = await InstallChangeLogAsync(service, cancellationToken).ConfigureAwait(false);
        var plan = request.TablePlan is { } rows
            ? await service.ValidateAsync(Source, Destination, rows, progress, cancellationToken).ConfigureAwait(false)
            : await service.BuildAsync(Source, Destination, new TablePlanOptions { Companies = input.CompanyPatterns }, progress, cancellationToken).ConfigureAwait(false);
        if (plan.RowErrors.Count > 0)
        {
            throw new CmException(ErrorIds.TablePlanStale, CmErrorCategory.InvalidData,
                $"{plan.RowErrors.Count} row(s) of the reviewed table plan do not match the databases any more: {string.Join("; ", plan.RowErrors.Take(5).Select(e => e.Message))}",
                "Build the plan again with New-CmTablePlan, review it, and pass it to -TablePlan again.", plan.RowErrors[0].TargetObject);
        }

        var controlRows = ControlRowBuilder.Build(plan.Entries, SqlProviders.For(Source).Dialect, SqlProviders.For(Destination).Dialect);
        if (controlRows.Count == 0)
        {
            throw new CmException(ErrorIds.SetupNothingToCopy, CmErrorCategory.InvalidData,
                $"The table plan of {plan.Entries.Count} entries has no table to copy: every entry is skipped or in error.",
                "Look at the plan (New-CmTablePlan) and fix the entries in error, or include companies with tables to migrate.", Destination.DisplayString);
        }

        await store.SavePlanAsync(plan.Entries, controlRows, cancellationToken).ConfigureAwait(false);
        state.TotalSizeMB = plan.Entries.Sum(e => e.EstimatedSizeMB ?? 0);
        var byMethod = string.Join(", ", Enum.GetValues<CopyMethod>().Select(m => $"{m} {plan.Entries.Count(e => e.CopyMethod == m)}"));
        return StepOutcome.Done($"{controlRows.Count} tables to copy of {plan.Entries.Count} plan entries ({byMethod})" + (request.TablePlan is null ? "." : ", from the reviewed plan.") + changeLog);
    }

    /// <summary>
    /// A SQLite source has no change tracking of its own: before the plan is built, the change log (Replication/SqliteChangeLog)
    /// is installed, idempotently, in every application database of the selected companies, for each mapped table with a key,
    /// so the plan chooses Delta for them as it does for SQL Server change tracking. A SQL Server source is never altered:
    /// there the compatibility check requires change tracking. Returns a sentence for the step's message.
    /// </summary>
    private async Task<string> InstallChangeLogAsync(TablePlanService service, CancellationToken cancellationToken)
    {
        if (SqlProviders.For(Source).Dialect is not Sql.SqliteDialect)
        {
            return string.Empty;
        }

        var companies = request.TablePlan is { } rows
            ? rows.Select(r => r.Company?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase).Select(c => NamePattern.Escape(c!)).ToArray()
            : input.CompanyPatterns;
        var draft = await service.BuildAsync(Source, Destination, new TablePlanOptions { Companies = companies }, progress, cancellationToken).ConfigureAwait(false);
        var databases = ChangeLogTables(draft.Entries);
        foreach (var (database, planned) in databases.ToList())
        {
            // Only a table with a primary key of its own is tracked (as SQL Server change tracking needs one); the others stay Full.
            var endpoint = Source.WithDatabase(database);
            var keyed = await TablesWithPrimaryKeyAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var tables = planned.Where(t => keyed.Contains(t.Table)).ToList();
            if (tables.Count == 0)
            {
                databases.Remove(database);
                continue;
            }

            databases[database] = tables;
            Report($"Installing the change log in '{database}' ({tables.Count} tables)", -1);
            await Replication.ChangeCapture.EnableAsync(endpoint, tables, cancellationToken).ConfigureAwait(false);
        }

        return databases.Count == 0
            ? string.Empty
            : $" The change log tracks {databases.Sum(d => d.Value.Count)} tables in {string.Join(", ", databases.Keys.Select(d => $"'{d}'"))}.";
    }

    private static async Task<HashSet<string>> TablesWithPrimaryKeyAsync(CmEndpoint database, CancellationToken cancellationToken)
    {
        var provider = SqlProviders.For(database);
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var connection = await provider.OpenAsync(database, write: false, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT m.name FROM sqlite_master AS m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) AS p WHERE p.pk > 0);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0));
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            throw provider.Translate(ex, database);
        }

        return tables;
    }

    /// <summary>The tables a SQLite change log tracks, per application database: each planned (not skipped) source table with a key, once.</summary>
    internal static SortedDictionary<string, IReadOnlyList<Replication.ChangeCapture.TrackedTable>> ChangeLogTables(IEnumerable<TablePlanEntry> entries) =>
        new(entries.Where(e => e.CopyMethod != CopyMethod.Skip && e.KeyColumns.Count > 0)
                .GroupBy(e => e.SourceDatabase, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(
                    g => g.Key,
                    g => (IReadOnlyList<Replication.ChangeCapture.TrackedTable>)g.GroupBy(e => e.SourceTable, StringComparer.OrdinalIgnoreCase)
                        .Select(t => new Replication.ChangeCapture.TrackedTable(t.Key, [.. t.First().KeyColumns])).OrderBy(t => t.Table, StringComparer.OrdinalIgnoreCase).ToList(),
                    StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);

    private async Task<StepOutcome> ReplicationAsync(CancellationToken cancellationToken)
    {
        var target = await CurrentFactoryAsync(cancellationToken).ConfigureAwait(false);
        var (batchCount, why) = await BatchCountAsync(target, cancellationToken).ConfigureAwait(false);
        await publisher.PublishReplicationAsync(target, Names, Source, Destination, batchCount, cancellationToken).ConfigureAwait(false);
        state.BatchCount = batchCount;
        var tables = (await store.ReadAsync(cancellationToken).ConfigureAwait(false))?.TableCounts.Where(c => c.CopyMethod != CopyMethod.Skip && c.Status != PlanStatus.Error).Sum(c => c.Tables) ?? 0;
        Telemetry.Telemetry.Emit(TelemetryEvents.ReplicationPipelineCreated, (TelemetryEvents.Product, state.Product), ("companies", state.Companies.Count), ("tables", tables), ("batchCount", batchCount));
        return StepOutcome.Done($"'{Names.ReplicationPipeline}' copies {tables} tables, {batchCount} at a time ({why}); it is idle until replication starts.");
    }

    // Tables copied at once: what the IR's Online nodes can run together, within ForEach's 1 to 50.
    private async Task<(int BatchCount, string Why)> BatchCountAsync(IDataFactory target, CancellationToken cancellationToken)
    {
        if (state.IntegrationRuntime is { } name && await target.GetIntegrationRuntimeAsync(name, cancellationToken).ConfigureAwait(false) is { } runtime)
        {
            var online = runtime.Nodes.Where(n => n.Status == "Online").ToList();
            var capacity = online.Sum(n => n.MaxConcurrentJobs);
            if (capacity > 0)
            {
                return (Math.Clamp(capacity, 1, PipelineLimits.MaxBatchCount), $"the capacity of '{name}': {online.Count} Online node(s), {capacity} concurrent jobs");
            }
        }

        return (PipelineLimits.DefaultBatchCount, "ADF's default; no integration runtime capacity is known");
    }

    private async Task<StepOutcome> ReadyAsync(CancellationToken cancellationToken)
    {
        var target = await CurrentFactoryAsync(cancellationToken).ConfigureAwait(false);
        await target.DeleteResourceAsync(FactoryResourceKind.Pipeline, Names.PreparationPipeline, cancellationToken).ConfigureAwait(false);
        state.Status = SetupStatus.Ready;
        state.CompletedAt = Now;
        var duration = state.Steps.Sum(s => s.Duration?.TotalMilliseconds ?? 0) + (Now - (state.Step(SetupStepName.Ready).StartedAt ?? Now)).TotalMilliseconds;
        Telemetry.Telemetry.Emit(TelemetryEvents.SetupCompleted, (TelemetryEvents.Product, state.Product), ("totalCompanies", state.TotalCompanies), ("selectedCompanies", state.Companies.Count),
            ("totalSizeMB", Math.Round(state.TotalSizeMB ?? 0, 3)), (TelemetryEvents.DurationMs, (long)duration));
        state.Message = $"The setup of '{Destination.Database}' is ready: the replication pipeline '{Names.ReplicationPipeline}' in '{target.Name}' waits for replication to start.";
        return StepOutcome.Done($"Ready; the preparation pipeline '{Names.PreparationPipeline}' was deleted.");
    }
}
