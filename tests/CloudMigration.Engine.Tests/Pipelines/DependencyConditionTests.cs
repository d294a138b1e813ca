using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Pipelines;

/// <summary>ADF's conditional paths: Upon Success, Upon Failure, Upon Completion, Upon Skip, and how the run's outcome is judged.</summary>
public sealed class DependencyConditionTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string Broken = "SELECT * FROM no_such_table";

    [Fact]
    public async Task A_failure_takes_the_failed_path_skips_the_success_path_and_fails_the_run()
    {
        using var sample = new PipelineSample(fixture.Folder);
        string? handled = null;
        sample.Procedures.Register("test.handle", (context, _) =>
        {
            handled = context.GetString("Error");
            return Task.FromResult(SqliteProcedureResult.Empty);
        });
        var pipeline = Json.Pipeline($"""
            [{PipelineSample.Script("Work", "Query", Broken)},
             {PipelineSample.Procedure("OnSuccess", "cm.noop", dependsOn: PipelineSample.DependsOn("Work", "Succeeded"))},
             {PipelineSample.Procedure("OnFailure", "test.handle", """{"Error": {"value": "@activity('Work').error.message", "type": "String"}}""", PipelineSample.DependsOn("Work", "Failed"))},
             {PipelineSample.Procedure("AfterSuccess", "cm.noop", dependsOn: PipelineSample.DependsOn("OnSuccess", "Succeeded"))},
             {PipelineSample.Procedure("UponSkip", "cm.noop", dependsOn: PipelineSample.DependsOn("OnSuccess", "Skipped"))},
             {PipelineSample.Procedure("Always", "cm.noop", dependsOn: PipelineSample.DependsOn("Work", "Completed"))}]
            """);

        var result = await sample.RunAsync(pipeline);

        var work = sample.Recorder.Final("Work");
        Assert.Equal(ActivityRunStatus.Failed, work.Status);
        Assert.Equal("SqlOperationFailed", work.ErrorCode);
        Assert.Contains("no such table", work.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ActivityRunStatus.Skipped, sample.Recorder.StatusOf("OnSuccess"));
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.StatusOf("OnFailure"));
        Assert.Equal(work.ErrorMessage, handled);
        Assert.Equal(ActivityRunStatus.Skipped, sample.Recorder.StatusOf("AfterSuccess"));
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.StatusOf("UponSkip"));
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.StatusOf("Always"));

        // ADF's rule: the skipped leaf AfterSuccess is judged by its parents, back to Work, which failed ("do-if-else" fails the run).
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
        Assert.StartsWith("Operation on target Work failed: ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_handled_only_by_a_failed_path_succeeds_the_run()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline($"""
            [{PipelineSample.Script("Work", "Query", Broken)},
             {PipelineSample.Procedure("OnFailure", "cm.noop", dependsOn: PipelineSample.DependsOn("Work", "Failed"))}]
            """);
        var result = await sample.RunAsync(pipeline);
        Assert.Equal(ActivityRunStatus.Failed, sample.Recorder.StatusOf("Work"));
        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
        Assert.Equal(string.Empty, result.Message);
    }

    [Fact]
    public async Task A_failed_path_that_is_not_taken_is_skipped_and_the_run_succeeds()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline($"""
            [{PipelineSample.Script("Work", "Query", "SELECT 1 AS one")},
             {PipelineSample.Procedure("OnFailure", "cm.noop", dependsOn: PipelineSample.DependsOn("Work", "Failed"))},
             {PipelineSample.Procedure("OnSuccess", "cm.noop", dependsOn: PipelineSample.DependsOn("Work", "Succeeded"))}]
            """);
        var result = await sample.RunAsync(pipeline);
        Assert.Equal(ActivityRunStatus.Skipped, sample.Recorder.StatusOf("OnFailure"));
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.StatusOf("OnSuccess"));
        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task An_unhandled_failure_fails_the_run_and_independent_activities_still_run()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline($"""
            [{PipelineSample.Script("Work", "Query", Broken)},
             {PipelineSample.Procedure("Independent", "cm.noop")},
             {PipelineSample.Procedure("Next", "cm.noop", dependsOn: PipelineSample.DependsOn("Work", "Succeeded"))}]
            """);
        var result = await sample.RunAsync(pipeline);
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.StatusOf("Independent"));
        Assert.Equal(ActivityRunStatus.Skipped, sample.Recorder.StatusOf("Next"));
        Assert.Equal(PipelineRunStatus.Failed, result.Status);
    }

    [Fact]
    public async Task Multiple_conditions_on_one_dependency_are_alternatives()
    {
        using var sample = new PipelineSample(fixture.Folder);
        var pipeline = Json.Pipeline($$$"""
            [{{{PipelineSample.Script("Work", "Query", Broken)}}},
             {{{PipelineSample.Procedure("Either", "cm.noop", dependsOn: """[{"activity": "Work", "dependencyConditions": ["Succeeded", "Failed"]}]""")}}}]
            """);
        var result = await sample.RunAsync(pipeline);
        Assert.Equal(ActivityRunStatus.Succeeded, sample.Recorder.StatusOf("Either"));
        Assert.Equal(PipelineRunStatus.Succeeded, result.Status);
    }
}
