using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class CancellationTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    /// <summary>A procedure that signals it started and then waits for the run's cancellation.</summary>
    private static TaskCompletionSource RegisterBlocking(PipelineSample sample)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sample.Procedures.Register("test.block", async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return SqliteProcedureResult.Empty;
        });
        return started;
    }

    [Fact]
    public async Task Cancelling_stops_the_run_marks_the_running_activity_cancelled_and_starts_nothing_else()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var started = RegisterBlocking(sample);
        using var cancellation = new CancellationTokenSource();
        var pipeline = Json.Pipeline($"""
            [{PipelineSample.Procedure("Block", "test.block")},
             {PipelineSample.Procedure("After", "cm.noop", dependsOn: PipelineSample.DependsOn("Block", "Completed"))}]
            """);

        var run = sample.RunAsync(pipeline, cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cancellation.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(PipelineRunStatus.Cancelled, result.Status);
        var block = sample.Recorder.Final("Block");
        Assert.Equal(ActivityRunStatus.Cancelled, block.Status);
        Assert.NotNull(block.End);
        Assert.DoesNotContain(sample.Recorder.All, r => r.ActivityName == "After");
    }

    [Fact]
    public async Task Cancelling_inside_a_ForEach_cancels_the_iterations_and_the_ForEach()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var started = RegisterBlocking(sample);
        using var cancellation = new CancellationTokenSource();
        var pipeline = Json.Pipeline($$$"""
            [{"name": "Each", "type": "ForEach", "typeProperties": {"items": {"value": "@createArray(1, 2, 3, 4, 5, 6)", "type": "Expression"}, "batchCount": 2,
              "activities": [{{{PipelineSample.Procedure("Block", "test.block")}}}]}}]
            """);

        var run = sample.RunAsync(pipeline, cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cancellation.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(PipelineRunStatus.Cancelled, result.Status);
        Assert.Equal(ActivityRunStatus.Cancelled, sample.Recorder.StatusOf("Each"));
        var blocks = sample.Recorder.Ended.Where(r => r.ActivityName == "Block").ToArray();
        Assert.NotEmpty(blocks);
        Assert.InRange(blocks.Length, 1, 2);
        Assert.All(blocks, b => Assert.Equal(ActivityRunStatus.Cancelled, b.Status));
    }

    [Fact]
    public async Task A_run_cancelled_before_it_starts_runs_nothing()
    {
        using var sample = new PipelineSample(fixture.Folder);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var result = await sample.RunAsync(Json.Pipeline($"[{PipelineSample.Procedure("Noop", "cm.noop")}]"), cancellationToken: cancellation.Token);
        Assert.Equal(PipelineRunStatus.Cancelled, result.Status);
        Assert.Empty(sample.Recorder.All);
    }
}
