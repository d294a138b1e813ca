using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Factories.Azure;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>ARM's answers and transport failures become CmExceptions with stable ids and categories; cancellation ends calls.</summary>
public sealed class AzureErrorTests
{
    [Fact]
    public async Task A_missing_factory_is_factory_not_found_even_where_a_missing_child_would_be_null()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var missing = emulated.Client(id: emulated.Emulator.FactoryId("cm-azure-missing"));

        var info = await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => missing.GetInfoAsync(default));
        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => missing.GetResourceAsync(FactoryResourceKind.Pipeline, "Finish", default));
        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => missing.GetIntegrationRuntimeAsync("cm-ir-01", default));
        await Expect.ErrorAsync(ErrorIds.FactoryNotFound, () => missing.DeleteResourceAsync(FactoryResourceKind.Pipeline, "Finish", default));

        Assert.Equal(CmErrorCategory.ObjectNotFound, info.Category);
        Assert.Contains("ResourceNotFound", info.Message, StringComparison.Ordinal);
        Assert.Equal(emulated.Emulator.FactoryId("cm-azure-missing").ToString(), info.TargetObject);
    }

    [Fact]
    public async Task A_wrong_token_is_an_authentication_error_and_is_not_retried()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var stranger = emulated.Client(token: "not-the-emulator-token");

        var error = await Expect.ErrorAsync(ErrorIds.AzureAuthenticationFailed, () => stranger.ListIntegrationRuntimesAsync(default));

        Assert.Equal(CmErrorCategory.AuthenticationError, error.Category);
        Assert.Contains("HTTP 401 InvalidAuthenticationToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-emulator-token", error.Message, StringComparison.Ordinal);
        Assert.Equal([401], emulated.Emulator.Requests.Records.Select(r => r.Status));
    }

    [Fact]
    public async Task A_credential_that_cannot_sign_in_fails_before_any_request()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        using var factory = new AzureDataFactory(emulated.Emulator.FactoryId(EmulatedFactory.FactoryName), new FailingCredential(), emulated.Emulator.ClientOptions());

        var error = await Expect.ErrorAsync(ErrorIds.AzureAuthenticationFailed, () => factory.GetInfoAsync(default));

        Assert.Contains("No token for Azure Resource Manager", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulated.Emulator.Requests.Records);
    }

    [Theory]
    [InlineData(403, "AuthorizationFailed", ErrorIds.AzurePermissionDenied, CmErrorCategory.PermissionDenied)]
    [InlineData(409, "AnotherOperationInProgress", ErrorIds.AzureConflict, CmErrorCategory.ResourceUnavailable)]
    [InlineData(400, "InvalidRequestContent", ErrorIds.AzureRequestFailed, CmErrorCategory.InvalidArgument)]
    public async Task ARM_errors_map_to_ids_and_categories_with_the_ARM_code(int status, string code, string errorId, CmErrorCategory category)
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        emulated.Emulator.Faults.Add(new FaultRule { Operation = "IntegrationRuntimes_CreateOrUpdate", Status = status, Code = code, Message = "Injected." });

        var error = await Expect.ErrorAsync(errorId, () => emulated.Factory.CreateIntegrationRuntimeAsync("cm-ir-01", "x", default));

        Assert.Equal(category, error.Category);
        Assert.Contains($"HTTP {status} {code}: Injected.", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.RecommendedAction));
        Assert.Equal("cm-ir-01", error.TargetObject);
    }

    [Fact]
    public async Task Cancelling_ends_a_hanging_call_and_a_cancelled_token_sends_nothing()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        emulated.Emulator.Faults.Add(FaultRule.Hang("Pipelines_ListByFactory"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => emulated.Factory.ListResourcesAsync(FactoryResourceKind.Pipeline, cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancelled after {watch.Elapsed}");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => emulated.Factory.GetInfoAsync(cts.Token));
        Assert.Equal(0, emulated.Emulator.Requests.Count("Factories_Get"));
    }

    [Fact]
    public async Task Cancelling_ends_the_wait_for_Retry_After()
    {
        await using var emulated = await EmulatedFactory.StartAsync(o => o.Retry.MaxDelay = TimeSpan.FromMinutes(1));
        emulated.Emulator.Faults.Add(FaultRule.Throttle("Factories_Get", retryAfterSeconds: 30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => emulated.Factory.GetInfoAsync(cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancelled after {watch.Elapsed}");
        Assert.Equal([429], emulated.Emulator.Requests.Records.Select(r => r.Status));
    }

    [Fact]
    public async Task A_call_that_outlasts_the_operation_timeout_is_an_operation_timeout()
    {
        await using var emulated = await EmulatedFactory.StartAsync(o => o.OperationTimeout = TimeSpan.FromMilliseconds(400));
        emulated.Emulator.Faults.Add(FaultRule.Hang("Factories_Get"));

        var error = await Expect.ErrorAsync(ErrorIds.AzureRequestTimeout, () => emulated.Factory.GetInfoAsync(default));

        Assert.Equal(CmErrorCategory.OperationTimeout, error.Category);
    }

    [Fact]
    public void An_endpoint_without_TLS_is_refused()
    {
        var options = new AzureDataFactoryOptions { Endpoint = new Uri("http://127.0.0.1:5000/") };

        var error = Expect.Error(ErrorIds.AzureEndpointInvalid,
            () => new AzureDataFactory(AzureFactoryId.Create(ArmEmulatorHost.DefaultSubscription, "rg", "cm-azure-01"), EmulatedFactory.Credential("t"), options));

        Assert.Contains("HTTPS", error.Message, StringComparison.Ordinal);
    }

    private sealed class FailingCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("The user could not be signed in (test).");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("The user could not be signed in (test).");
    }
}
