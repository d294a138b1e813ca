using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Core.Diagnostics;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>Secrets are write-only and never logged; the client talks only to the server whose certificate it pinned.</summary>
public sealed class AzureSecretTests
{
    [Fact]
    public async Task Secrets_are_masked_on_GET_and_appear_in_no_log_line_nor_error()
    {
        var sentinel = "Sentinel-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var azureCoreLines = new ConcurrentQueue<string>();
        using var listener = new AzureEventSourceListener((e, message) => azureCoreLines.Enqueue($"{e.EventSource.Name} {e.EventName} {message}"), EventLevel.Verbose);
        await using var emulated = await EmulatedFactory.StartAsync();
        var factory = emulated.Factory;
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);

        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", AdfJson.SqlServerLinkedService("cm-ir-01", sentinel), default);
        var read = await factory.GetResourceAsync(FactoryResourceKind.LinkedService, "SlSource", default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        using var regenerated = await factory.RegenerateIntegrationRuntimeKeyAsync("cm-ir-01", "authKey1", default);
        emulated.Emulator.Faults.Add(FaultRule.ServerError("LinkedServices_CreateOrUpdate", count: 10));
        var error = await Assert.ThrowsAsync<CmException>(() =>
            factory.PutResourceAsync(FactoryResourceKind.LinkedService, "SlSource", AdfJson.SqlServerLinkedService("cm-ir-01", sentinel), default));

        Assert.Equal("**********", read!["properties"]!["typeProperties"]!["password"]!["value"]!.GetValue<string>());
        Assert.DoesNotContain(sentinel, read.ToJsonString(), StringComparison.Ordinal);
        // Something was logged on both channels, so their silence about secrets means something.
        Assert.Contains(emulated.Log, l => l.Contains("linkedservices/SlSource", StringComparison.Ordinal));
        Assert.Contains(azureCoreLines, l => l.Contains("linkedservices/SlSource", StringComparison.Ordinal));
        var forbidden = new[] { sentinel, emulated.Emulator.Token, Secure.Plain(keys.AuthKey1), Secure.Plain(keys.AuthKey2), Secure.Plain(regenerated.AuthKey1) };
        foreach (var text in emulated.Log.Concat(azureCoreLines).Append(error.Message).Append(error.RecommendedAction).Append(error.InnerException?.Message ?? ""))
        {
            foreach (var secret in forbidden)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_server_with_another_certificate_is_refused_before_anything_is_sent()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var otherThumbprint = Convert.ToHexString(SHA256.HashData(Guid.NewGuid().ToByteArray()));
        var pinnedElsewhere = emulated.Client(o => o.PinnedCertificateSha256 = otherThumbprint);
        var unpinned = emulated.Client(o => o.PinnedCertificateSha256 = null);

        var pinned = await Expect.ErrorAsync(ErrorIds.AzureServerCertificateRejected, () => pinnedElsewhere.GetInfoAsync(default));
        var untrusted = await Expect.ErrorAsync(ErrorIds.AzureServerCertificateRejected, () => unpinned.GetInfoAsync(default));

        Assert.Equal(CmErrorCategory.ConnectionError, pinned.Category);
        Assert.Contains(otherThumbprint, pinned.Message, StringComparison.Ordinal);
        Assert.Contains("does not trust", untrusted.Message, StringComparison.Ordinal);
        Assert.Empty(emulated.Emulator.Requests.Records);
        // A refused certificate is not retried: one attempt each.
        Assert.Equal(2, emulated.Log.Count(l => l.StartsWith("ADF GET", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_pinned_thumbprint_may_be_written_with_separators_and_in_lower_case()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var spaced = string.Join(':', emulated.Emulator.Thumbprint.ToLowerInvariant().Chunk(2).Select(c => new string(c)));
        var client = emulated.Client(o => o.PinnedCertificateSha256 = spaced);

        var info = await client.GetInfoAsync(default);

        Assert.Equal(EmulatedFactory.FactoryName, info.Name);
        Expect.Error(ErrorIds.AzureEndpointInvalid, () => emulated.Client(o => o.PinnedCertificateSha256 = "not-hex"));
    }

    [Fact]
    public async Task A_put_sends_the_secret_as_given_and_the_factory_stores_it_for_runs()
    {
        await using var emulated = await EmulatedFactory.StartAsync();
        var definition = AdfJson.AzureSqlLinkedService();

        await emulated.Factory.PutResourceAsync(FactoryResourceKind.LinkedService, "BcDestination", definition, default);

        // The client did not modify the definition it was given, and the store keeps the secret encrypted, not masked.
        Assert.StartsWith("Server=tcp:", definition["properties"]!["typeProperties"]!["connectionString"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-one", System.Text.Encoding.UTF8.GetString(FileBytes(emulated.Emulator.StorePath)), StringComparison.Ordinal);
        Assert.Equal("**********", (await emulated.Local.GetResourceAsync(FactoryResourceKind.LinkedService, "BcDestination", default))!
            ["properties"]!["typeProperties"]!["connectionString"]!["value"]!.GetValue<string>());
        Assert.Equal(1, emulated.Emulator.Requests.Count("LinkedServices_CreateOrUpdate"));
        Assert.Equal(0, emulated.Emulator.Requests.Count("LinkedServices_Get")); // never GET-modify-PUT
    }

    private static byte[] FileBytes(string path) =>
        [.. new[] { path, path + "-wal" }.Where(File.Exists).SelectMany(p =>
        {
            using var stream = new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        })];
}
