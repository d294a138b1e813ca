using System.Diagnostics;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>Transient answers are retried by Azure.Core's RetryPolicy, honouring Retry-After; what stays failing is mapped.</summary>
public sealed class AzureRetryTests
{
    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_wait_it_names()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        await AdfJson.PutFinishAsync(emulated.Factory);
        emulated.Emulator.Faults.Add(FaultRule.Throttle("Pipelines_Get", count: 1, retryAfterSeconds: 1));

        var watch = Stopwatch.StartNew();
        var pipeline = await emulated.Factory.GetResourceAsync(FactoryResourceKind.Pipeline, "Finish", default);
        watch.Stop();

        Assert.NotNull(pipeline);
        Assert.Equal([429, 200], emulated.Emulator.Requests.Records.Where(r => r.Operation == "Pipelines_Get").Select(r => r.Status));
        // The test client's own delay is 20 ms: only Retry-After explains the wait.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Contains(emulated.Log, l => l.Contains("-> 429", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task A_transient_error_on_a_read_is_retried(int status)
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        await emulated.Factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        emulated.Emulator.Requests.Clear();
        emulated.Emulator.Faults.Add(FaultRule.ServerError("IntegrationRuntimes_Get", count: 2, status: status));

        var runtime = await emulated.Factory.GetIntegrationRuntimeAsync("cm-ir-01", default);

        Assert.NotNull(runtime);
        Assert.Equal([status, status, 200], emulated.Emulator.Requests.Records.Where(r => r.Operation == "IntegrationRuntimes_Get").Select(r => r.Status));
    }

    [Fact]
    public async Task A_put_lost_after_ADF_acted_is_retried_and_PUT_keeps_it_idempotent()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        emulated.Emulator.Faults.Add(FaultRule.ServerError("LinkedServices_CreateOrUpdate", afterHandling: true));

        await emulated.Factory.PutResourceAsync(FactoryResourceKind.LinkedService, "BcDestination", AdfJson.AzureSqlLinkedService(), default);

        Assert.Equal(2, emulated.Emulator.Requests.Count("LinkedServices_CreateOrUpdate"));
        Assert.Equal(["BcDestination"], await emulated.Local.ListResourcesAsync(FactoryResourceKind.LinkedService, default));
    }

    [Fact]
    public async Task A_service_that_keeps_failing_is_unavailable_after_the_retries()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        emulated.Emulator.Faults.Add(FaultRule.ServerError("Factories_Get", count: 10, status: 503));

        var error = await Expect.ErrorAsync(ErrorIds.AzureServiceUnavailable, () => emulated.Factory.GetInfoAsync(default));

        Assert.Equal(CmErrorCategory.ResourceUnavailable, error.Category);
        Assert.Contains("HTTP 503 ServiceUnavailable", error.Message, StringComparison.Ordinal);
        Assert.Contains("request id", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, emulated.Emulator.Requests.Count("Factories_Get")); // the try and MaxRetries = 3 retries
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_reported_with_its_wait()
    {
        await using var emulated = await EmulatedFactory.StartAsync(o => o.Retry.MaxRetries = 1);
        emulated.Emulator.Faults.Add(FaultRule.Throttle("Pipelines_ListByFactory", count: 5, retryAfterSeconds: 1));

        var error = await Expect.ErrorAsync(ErrorIds.AzureThrottled, () => emulated.Factory.ListResourcesAsync(FactoryResourceKind.Pipeline, default));

        Assert.Equal(CmErrorCategory.ResourceUnavailable, error.Category);
        Assert.Contains("TooManyRequests", error.Message, StringComparison.Ordinal);
        Assert.Contains("wait at least 1 seconds", error.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(2, emulated.Emulator.Requests.Count("Pipelines_ListByFactory"));
    }

    [Fact]
    public async Task A_hanging_read_is_retried_after_the_network_timeout()
    {
        await using var emulated = await EmulatedFactory.StartAsync(o => o.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(500));
        await emulated.Factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        emulated.Emulator.Requests.Clear();
        emulated.Emulator.Faults.Add(FaultRule.Hang("IntegrationRuntimes_GetStatus"));

        var runtime = await emulated.Factory.GetIntegrationRuntimeAsync("cm-ir-01", default);

        Assert.NotNull(runtime);
        // The hung try (no status) was given up after the network timeout and tried again; on a loaded machine a slow
        // answer may time out too and be tried once more, so the tries after the first are one or more 200s.
        var statuses = emulated.Emulator.Requests.Records.Where(r => r.Operation == "IntegrationRuntimes_GetStatus").Select(r => r.Status).ToList();
        Assert.Equal(0, statuses[0]);
        Assert.InRange(statuses.Count, 2, 4);
        Assert.All(statuses.Skip(1), s => Assert.Equal(200, s));
    }
}
