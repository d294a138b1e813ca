using System.Text.Json.Nodes;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>createRun is never duplicated: 429 is retried, a lost answer is looked for by request id before submitting again.</summary>
public sealed class AzureCreateRunTests
{
    private const string CreateRun = "Pipelines_CreateRun";
    private const string QueryRuns = "PipelineRuns_QueryByFactory";

    [Fact]
    public async Task A_429_is_retried_and_creates_one_run()
    {
        await using var emulated = await StartAsync();
        emulated.Emulator.Faults.Add(FaultRule.Throttle(CreateRun, count: 2, retryAfterSeconds: 0));

        var runId = await emulated.Factory.CreateRunAsync("Finish", Request("r-429"), default);

        Assert.Equal([429, 429, 200], Statuses(emulated, CreateRun));
        Assert.Equal([runId], await RunIdsAsync(emulated));
        Assert.Equal(0, emulated.Emulator.Requests.Count(QueryRuns));
    }

    [Fact]
    public async Task A_500_after_ADF_created_the_run_finds_that_run_instead_of_creating_another()
    {
        await using var emulated = await StartAsync();
        emulated.Emulator.Faults.Add(FaultRule.ServerError(CreateRun, afterHandling: true));

        var runId = await emulated.Factory.CreateRunAsync("Finish", Request("r-lost"), default);

        Assert.Equal([runId], await RunIdsAsync(emulated));
        Assert.Equal([500], Statuses(emulated, CreateRun));
        Assert.True(emulated.Emulator.Requests.Count(QueryRuns) >= 1);
        Assert.Contains(emulated.Log, l => l.Contains($"found run {runId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_500_before_ADF_created_the_run_submits_again_once_nothing_is_found()
    {
        await using var emulated = await StartAsync();
        emulated.Emulator.Faults.Add(FaultRule.ServerError(CreateRun, status: 503));

        var runId = await emulated.Factory.CreateRunAsync("Finish", Request("r-refused"), default);

        Assert.Equal([runId], await RunIdsAsync(emulated));
        Assert.Equal([503, 200], Statuses(emulated, CreateRun));
        Assert.Equal(1, emulated.Emulator.Requests.Count(QueryRuns));
    }

    [Fact]
    public async Task A_hang_after_ADF_created_the_run_times_out_and_finds_the_run()
    {
        await using var emulated = await StartAsync(o => o.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(500));
        emulated.Emulator.Faults.Add(FaultRule.Hang(CreateRun, afterHandling: true));

        var runId = await emulated.Factory.CreateRunAsync("Finish", Request("r-hang"), default);

        Assert.Equal([runId], await RunIdsAsync(emulated));
        Assert.Equal(1, emulated.Emulator.Requests.Count(CreateRun));
        Assert.Equal("r-hang", (await emulated.Factory.GetRunAsync(runId, default)).Parameters["RequestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_request_id_a_lost_answer_is_reported_and_never_submitted_again()
    {
        await using var emulated = await StartAsync();
        emulated.Emulator.Faults.Add(FaultRule.ServerError(CreateRun, afterHandling: true));

        var error = await Expect.ErrorAsync(ErrorIds.AzureRunSubmissionUncertain, () => emulated.Factory.CreateRunAsync("Finish", [], default));

        Assert.Equal(CmErrorCategory.ResourceUnavailable, error.Category);
        Assert.Contains("may or may not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, emulated.Emulator.Requests.Count(CreateRun));
        Assert.Single(await RunIdsAsync(emulated)); // the run ADF created before its answer was lost, and no other
    }

    [Fact]
    public async Task When_every_submission_is_lost_the_attempts_stop_and_no_duplicate_exists()
    {
        await using var emulated = await StartAsync(o => o.CreateRunAttempts = 2);
        emulated.Emulator.Faults.Add(FaultRule.ServerError(CreateRun, count: 5, status: 502));

        var error = await Expect.ErrorAsync(ErrorIds.AzureRunSubmissionUncertain, () => emulated.Factory.CreateRunAsync("Finish", Request("r-down"), default));

        Assert.Contains("submitted 2 times", error.Message, StringComparison.Ordinal);
        Assert.Equal([502, 502], Statuses(emulated, CreateRun));
        Assert.Empty(await RunIdsAsync(emulated));
    }

    [Fact]
    public async Task A_refusal_is_not_ambiguous_and_is_not_looked_for()
    {
        await using var emulated = await StartAsync();
        emulated.Emulator.Faults.Add(new FaultRule { Operation = CreateRun, Status = 400, Code = "BadRequest", Message = "Parameter RequestId is not declared." });

        var error = await Expect.ErrorAsync(ErrorIds.AzureRequestFailed, () => emulated.Factory.CreateRunAsync("Finish", Request("r-bad"), default));

        Assert.Contains("Parameter RequestId is not declared.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulated.Emulator.Requests.Count(QueryRuns));
        Assert.Empty(await RunIdsAsync(emulated));
    }

    private static async Task<EmulatedFactory> StartAsync(Action<Engine.Factories.Azure.AzureDataFactoryOptions>? configure = null)
    {
        var emulated = await EmulatedFactory.StartAsync(configure);
        await AdfJson.PutFinishAsync(emulated.Factory);
        return emulated;
    }

    private static JsonObject Request(string requestId) => new() { ["RequestId"] = requestId };

    private static int[] Statuses(EmulatedFactory emulated, string operation) =>
        [.. emulated.Emulator.Requests.Records.Where(r => r.Operation == operation).Select(r => r.Status)];

    private static async Task<string[]> RunIdsAsync(EmulatedFactory emulated) =>
        [.. (await emulated.Local.QueryRunsAsync(new PipelineRunQuery(), default)).Select(r => r.RunId)];
}
