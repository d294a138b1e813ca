using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Tests.Factories;

/// <summary>An <see cref="IPipelineExecutor"/> whose behaviour each test writes; it remembers every call.</summary>
internal sealed class TestExecutor : IPipelineExecutor
{
    private readonly Func<Call, CancellationToken, Task<PipelineRunResult>> behaviour;

    public TestExecutor(Func<Call, CancellationToken, Task<PipelineRunResult>>? behaviour = null) =>
        this.behaviour = behaviour ?? ((_, _) => Task.FromResult(new PipelineRunResult(PipelineRunStatus.Succeeded, string.Empty)));

    public ConcurrentQueue<Call> Calls { get; } = new();

    public async Task<PipelineRunResult> ExecuteAsync(string runId, JsonObject pipeline, JsonObject parameters, IPipelineResources resources,
        IActivityRunRecorder recorder, CancellationToken cancellationToken)
    {
        var call = new Call(runId, pipeline, parameters, resources, recorder);
        Calls.Enqueue(call);
        return await behaviour(call, cancellationToken);
    }

    /// <summary>One call of the executor.</summary>
    internal sealed record Call(string RunId, JsonObject Pipeline, JsonObject Parameters, IPipelineResources Resources, IActivityRunRecorder Recorder);
}

/// <summary>Waits for runs a host reports completed.</summary>
internal sealed class CompletedRuns
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PipelineRunInfo>> waiting = new();

    public CompletedRuns(params LocalRunHost[] hosts)
    {
        foreach (var host in hosts)
        {
            host.RunCompleted += (_, run) => For(run.RunId).TrySetResult(run);
        }
    }

    public Task<PipelineRunInfo> WaitAsync(string runId) => For(runId).Task.WaitAsync(TimeSpan.FromSeconds(60));

    private TaskCompletionSource<PipelineRunInfo> For(string runId) =>
        waiting.GetOrAdd(runId, _ => new TaskCompletionSource<PipelineRunInfo>(TaskCreationOptions.RunContinuationsAsynchronously));
}
