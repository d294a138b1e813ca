using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// Runs pipeline runs on a registered node, in the node's process: a polling loop that heartbeats the node, claims
/// Queued runs of its factory (never more than the node's MaxConcurrentJobs at once; a claim is one write transaction,
/// so two hosts never run the same run), executes each through the <see cref="IPipelineExecutor"/>, records activity
/// runs and the final status, start, end and message in the store, and cancels a run's token when someone asks the
/// factory (from any process) to cancel it.
/// <para>
/// A run whose pipeline needs integration runtimes is claimed only by a node of one of them, and only while each has
/// an Online node; otherwise it stays Queued and fails with <c>IntegrationRuntimeOffline</c> after
/// <see cref="FactoryStoreOptions.QueuedRunTimeout"/>. When the host stops, the runs it still executes are cancelled and
/// recorded as Failed (the node stopped).
/// </para>
/// <para>
/// Each host is an instance (<see cref="InstanceId"/>) that records its process (<see cref="RunHostProcess"/>) in the
/// store and heartbeats on every poll; the runs it claims name it. When its process is killed, any sweep (another
/// host's poll, anyone reading the run) fails those runs at once on this machine, or after
/// <see cref="NodeLiveness.HostInterval"/> from another machine, even while another process hosts a node of the same name.
/// </para>
/// </summary>
public sealed class LocalRunHost : IAsyncDisposable
{
    private readonly FactoryStore store;
    private readonly IPipelineExecutor executor;
    private readonly LocalRunHostOptions options;
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly ConcurrentDictionary<string, Execution> running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly object gate = new();
    private Task? loop;
    private volatile bool recorded;

    public LocalRunHost(FactoryStore store, NodeRegistration node, IPipelineExecutor executor, LocalRunHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(executor);
        this.store = store;
        this.executor = executor;
        this.options = options ?? new LocalRunHostOptions();
        Node = node;
    }

    /// <summary>Raised on a pool thread after a run this host executed has its final status in the store.</summary>
    public event EventHandler<PipelineRunInfo>? RunCompleted;

    public NodeRegistration Node { get; }

    /// <summary>This host's id in the store: the runs it claims name it.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The process this host runs in, as recorded with its runs.</summary>
    public RunHostProcess Process => options.Process;

    /// <summary>The ids of the runs this host is executing now.</summary>
    public IReadOnlyCollection<string> RunningRuns => running.Keys.ToList();

    /// <summary>
    /// The polling loop: completes when the host is stopped, faults when the node can no longer work (it was removed, or
    /// its factory unregistered). A store that is busy or unreadable for a while does not end the loop.
    /// </summary>
    public Task Completion => loop ?? Task.CompletedTask;

    /// <summary>Starts the polling loop (once).</summary>
    public void Start()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
            loop ??= Task.Run(() => LoopAsync(stopping.Token));
        }
    }

    /// <summary>
    /// One poll: heartbeat, fail runs nobody can run, stop runs being cancelled, claim and start Queued runs.
    /// Returns the runs it started (they execute in the background). The loop calls this; tests may call it directly.
    /// </summary>
    public async Task<IReadOnlyList<string>> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        store.Write(db =>
        {
            // The node and this instance of its host, in one write: the instance is recorded before any run can name it.
            IntegrationRuntimeNodeService.Heartbeat(db, Node, store.Now);
            RunHostRows.Heartbeat(db, InstanceId, Node, options.Process, store.Now);
        });
        recorded = true;
        LocalDataFactory.SweepIfNeeded(store, Node.Factory);

        if (!running.IsEmpty)
        {
            foreach (var id in store.Read(db => RunScheduling.ToStop(db, running.Keys.ToList())))
            {
                if (running.TryGetValue(id, out var execution))
                {
                    execution.CancelledByRequest = true;
                    try
                    {
                        await execution.Cancellation.CancelAsync().ConfigureAwait(false);
                    }
                    catch (ObjectDisposedException)
                    {
                        // It ended meanwhile.
                    }
                }
            }
        }

        if (stopping.IsCancellationRequested)
        {
            return [];
        }

        var free = Node.MaxConcurrentJobs - running.Count;
        var claimed = store.Write(db => RunScheduling.Claim(db, Node.Factory, Node.IntegrationRuntime, Node.NodeName, InstanceId, free, store.Now));
        foreach (var run in claimed)
        {
            var execution = new Execution(CancellationTokenSource.CreateLinkedTokenSource(stopping.Token));
            var start = new Task<Task>(() => ExecuteAsync(run, execution));
            execution.Task = start.Unwrap();
            running[run.RunId] = execution;
            start.Start(TaskScheduler.Default);
        }

        return claimed.Select(r => r.RunId).ToList();
    }

    /// <summary>Stops the loop, cancels the runs still executing (recorded as Failed: the node stopped) and waits for them.</summary>
    public async Task StopAsync()
    {
        Task? current;
        lock (gate)
        {
            current = loop;
        }

        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        if (current is not null)
        {
            try
            {
                await current.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CmException or OperationCanceledException)
            {
                // The loop's fault is visible in Completion; stopping is what was asked.
            }
        }

        await Task.WhenAll(running.Values.Select(e => e.Task)).ConfigureAwait(false);
        if (recorded)
        {
            try
            {
                // A run this host could not record as ended (the store failed then) names a host that is gone: the next sweep fails it.
                store.Write(db => RunHostRows.Remove(db, InstanceId));
                recorded = false;
            }
            catch (CmException)
            {
                // Forgotten a day later by any other host.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    /// <summary>Ends the current pause between polls (a run was queued in this process); polls still happen on their own.</summary>
    public void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another caller woke it first.
        }
    }

    private async Task LoopAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (CmException ex) when (ex.ErrorId == ErrorIds.FactoryStoreUnavailable)
            {
                // Busy or briefly unreadable: try again at the next poll.
            }

            try
            {
                // The pause ends early when this process queues a run (Wake), so a run started here is claimed at once.
                await wake.WaitAsync(options.PollInterval, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ExecuteAsync(PipelineRunInfo run, Execution execution)
    {
        var (status, message, errorCode) = await RunExecutorAsync(run, execution).ConfigureAwait(false);
        PipelineRunInfo? final = null;
        try
        {
            store.Write(db => RunScheduling.Finish(db, run.RunId, Node.IntegrationRuntime, Node.NodeName, status, SecretRedactor.Redact(message), errorCode, store.Now));
            final = store.Read(db => RunRows.Get(db, run.Factory, run.RunId));
        }
        catch (CmException)
        {
            // The store could not take the final status; the sweep fails the run once this node stops heartbeating.
        }
        finally
        {
            running.TryRemove(run.RunId, out _);
            execution.Cancellation.Dispose();
        }

        // Only now: a subscriber told the run ended must not still find it among the running ones.
        if (final is not null)
        {
            RaiseRunCompleted(final);
        }
    }

    private void RaiseRunCompleted(PipelineRunInfo run)
    {
        foreach (var handler in RunCompleted?.GetInvocationList() ?? [])
        {
            try
            {
                ((EventHandler<PipelineRunInfo>)handler)(this, run);
            }
            catch (Exception)
            {
                // A subscriber's failure must not stop the host, nor keep the run from the other subscribers.
            }
        }
    }

    private async Task<(PipelineRunStatus Status, string Message, string? ErrorCode)> RunExecutorAsync(PipelineRunInfo run, Execution execution)
    {
        var token = execution.Cancellation.Token;
        try
        {
            var context = new StoreRunContext(store, run.Factory, run.RunId);
            var pipeline = context.Get(FactoryResourceKind.Pipeline, run.PipelineName)
                ?? throw new CmException(ErrorIds.ResourceNotFound, CmErrorCategory.ObjectNotFound,
                    $"The pipeline '{run.PipelineName}' was deleted before the run started.", "Create the pipeline again and start a new run.", run.PipelineName);
            var result = await executor.ExecuteAsync(run.RunId, pipeline, (JsonObject)run.Parameters.DeepClone(), context, context, token).ConfigureAwait(false);
            return Judge(execution, result.Status, result.Message, null);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return Judge(execution, PipelineRunStatus.Cancelled, string.Empty, null);
        }
        catch (Exception ex)
        {
            return Judge(execution, PipelineRunStatus.Failed, ex.Message, ErrorIds.PipelineRunFailed);
        }
    }

    private (PipelineRunStatus, string, string?) Judge(Execution execution, PipelineRunStatus status, string message, string? errorCode)
    {
        if (execution.CancelledByRequest)
        {
            return (PipelineRunStatus.Cancelled, string.IsNullOrEmpty(message) ? "Cancelled by request." : message, null);
        }

        if (stopping.IsCancellationRequested && status is not (PipelineRunStatus.Succeeded or PipelineRunStatus.Failed))
        {
            return (PipelineRunStatus.Failed, $"The node '{Node.NodeName}' stopped while the run was in progress.", ErrorIds.PipelineRunFailed);
        }

        return status is PipelineRunStatus.Succeeded or PipelineRunStatus.Failed or PipelineRunStatus.Cancelled
            ? (status, message, errorCode)
            : (PipelineRunStatus.Failed, $"The executor ended the run as {status}, which is not a final status.", ErrorIds.PipelineRunFailed);
    }

    private sealed class Execution(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task Task { get; set; } = Task.CompletedTask;

        public volatile bool CancelledByRequest;
    }
}
