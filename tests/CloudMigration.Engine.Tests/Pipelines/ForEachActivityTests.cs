using System.Collections.Concurrent;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

public sealed class ForEachActivityTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private static string ForEach(string items, string settings, string inner) => $$$"""
        [{"name": "Each", "type": "ForEach", "typeProperties": {"items": {"value": "{{{items}}}", "type": "Expression"}{{{settings}}}, "activities": [{{{inner}}}]}}]
        """;

    private static string Numbers(int count) => "@createArray(" + string.Join(", ", Enumerable.Range(1, count)) + ")";

    [Fact]
    public async Task Items_run_in_parallel_at_most_batchCount_at_a_time()
    {
        using var sample = new PipelineSample(fixture.Folder);
        const int BatchCount = 3;
        var running = 0;
        var maximum = 0;
        var calls = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sample.Procedures.Register("test.concurrency", async (context, cancellationToken) =>
        {
            var now = Interlocked.Increment(ref running);
            Interlocked.Increment(ref calls);
            for (var seen = Volatile.Read(ref maximum); now > seen; seen = Volatile.Read(ref maximum))
            {
                Interlocked.CompareExchange(ref maximum, now, seen);
            }

            // The first items wait until batchCount of them run at once; a runner that ran more would be seen above.
            if (now >= BatchCount)
            {
                enough.TrySetResult();
            }

            await enough.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            Interlocked.Decrement(ref running);
            return SqliteProcedureResult.Empty;
        });

        var result = await sample.RunAsync(Json.Pipeline(ForEach(Numbers(10), $", \"batchCount\": {BatchCount}", PipelineSample.Procedure("Work", "test.concurrency"))));

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.Equal(BatchCount, maximum);
        Assert.Equal(10, calls);
        Assert.Equal(Enumerable.Range(0, 10), sample.Recorder.Ended.Where(r => r.ActivityName == "Work").Select(r => r.Iteration!.Value).Order());
        var each = sample.Recorder.Final("Each");
        Assert.Equal(10, each.Input!["itemCount"]!.GetValue<int>());
        Assert.Equal(10, each.Output!["succeeded"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sequential_items_run_one_at_a_time_in_order()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var order = new ConcurrentQueue<string>();
        var running = 0;
        var overlapped = false;
        sample.Procedures.Register("test.order", async (context, cancellationToken) =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            order.Enqueue(context.GetString("Item")!);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            return SqliteProcedureResult.Empty;
        });

        var inner = PipelineSample.Procedure("Work", "test.order", """{"Item": {"value": "@{item()}", "type": "String"}}""");
        var result = await sample.RunAsync(Json.Pipeline(ForEach("@createArray('a', 'b', 'c', 'd', 'e')", ", \"isSequential\": true, \"batchCount\": 50", inner)));

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        Assert.False(overlapped);
        Assert.Equal(["a", "b", "c", "d", "e"], order);
    }

    [Fact]
    public async Task Items_come_from_a_lookup_and_inner_activities_read_item_and_their_siblings()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var seen = new ConcurrentBag<string>();
        sample.Procedures.Register("test.seen", (context, _) =>
        {
            seen.Add($"{context.GetString("Company")}:{context.GetString("Count")}:{context.Iteration}");
            return Task.FromResult(SqliteProcedureResult.Empty);
        });
        var pipeline = Json.Pipeline($$$"""
            [{"name": "Companies", "type": "Lookup", "typeProperties": {"source": {"type": "SqlServerSource", "sqlReaderQuery": "SELECT trim(CpnyID) AS CpnyID FROM Company WHERE Active = 1 ORDER BY CpnyID"},
              "dataset": {"referenceName": "SlSystemDs", "type": "DatasetReference"}, "firstRowOnly": false}},
             {"name": "Each", "type": "ForEach", "dependsOn": [{"activity": "Companies", "dependencyConditions": ["Succeeded"]}],
              "typeProperties": {"items": {"value": "@activity('Companies').output.value", "type": "Expression"}, "activities": [
                {{{PipelineSample.Script("Count", "Query", "SELECT COUNT(*) AS n FROM Company")}}},
                {{{PipelineSample.Procedure("Seen", "test.seen", """{"Company": {"value": "@item().CpnyID", "type": "String"}, "Count": {"value": "@activity('Count').output.resultSets[0].rows[0].n", "type": "Int"}}""", PipelineSample.DependsOn("Count", "Succeeded"))}}}]}}]
            """);
        var result = await sample.RunAsync(pipeline);

        Assert.True(result.Status == PipelineRunStatus.Succeeded, result.Message);
        var bcCompanies = sample.Scalar(Engine.Sample.SampleEnvironmentBuilder.DestinationDatabase, "SELECT COUNT(*) FROM Company");
        Assert.Equal([$"0010:{bcCompanies}:0", $"0020:{bcCompanies}:1", $"0030:{bcCompanies}:2"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task One_failing_iteration_fails_the_ForEach_after_every_item_ran()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var calls = 0;
        sample.Procedures.Register("test.failOnTwo", (context, _) =>
        {
            Interlocked.Increment(ref calls);
            return context.GetString("Item") == "2" ? throw new InvalidOperationException("item two is broken") : Task.FromResult(SqliteProcedureResult.Empty);
        });
        var inner = PipelineSample.Procedure("Work", "test.failOnTwo", """{"Item": {"value": "@{item()}", "type": "String"}}""");
        var result = await sample.RunAsync(Json.Pipeline(ForEach(Numbers(4), ", \"batchCount\": 2", inner)));

        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.Equal(4, calls);
        var each = sample.Recorder.Final("Each");
        Assert.Equal("ActionFailed", each.ErrorCode);
        Assert.Contains("Inner activity name: Work", each.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("item two is broken", each.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, each.Output!["failed"]!.GetValue<int>());
        Assert.Equal(ActivityRunStatus.Failed, sample.Recorder.Final("Work", iteration: 1).Status);
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.Final("Work", iteration: 3).Status);
    }

    [Fact]
    public async Task Items_that_are_not_an_array_fail_the_ForEach()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var result = await sample.RunAsync(Json.Pipeline(ForEach("@pipeline().RunId", string.Empty, PipelineSample.Procedure("Work", "cm.noop"))));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.Equal("InvalidTemplate", sample.Recorder.Final("Each").ErrorCode);
        Assert.DoesNotContain(sample.Recorder.All, r => r.ActivityName == "Work");
    }
}
