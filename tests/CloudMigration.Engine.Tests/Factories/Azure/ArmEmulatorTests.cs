using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CloudMigration.ArmEmulator;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Factories.Azure;

namespace CloudMigration.Engine.Tests.Factories.Azure;

/// <summary>The emulator behaves like ADF's REST API where clients depend on it, over plain HTTPS.</summary>
public sealed class ArmEmulatorTests
{
    private const string Api = "?api-version=2018-06-01";

    [Fact]
    public async Task Requests_need_the_bearer_token_and_the_api_version()
    {
        await using var emulator = await ArmEmulatorHost.StartAsync();
        using var http = Http(emulator, token: null);
        var path = emulator.FactoryId("cm-azure-01").Path;

        using var anonymous = await http.GetAsync(path + Api);
        using var wrong = await Send(http, HttpMethod.Get, path + Api, "wrong-token");
        using var versionless = await Send(http, HttpMethod.Get, path, emulator.Token);
        using var oldVersion = await Send(http, HttpMethod.Get, path + "?api-version=2017-09-01-preview", emulator.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("AuthenticationFailed", await CodeAsync(anonymous));
        Assert.Equal("InvalidAuthenticationToken", await CodeAsync(wrong));
        Assert.Equal((HttpStatusCode.BadRequest, "MissingApiVersionParameter"), (versionless.StatusCode, await CodeAsync(versionless)));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidApiVersionParameter"), (oldVersion.StatusCode, await CodeAsync(oldVersion)));
    }

    [Fact]
    public async Task Paths_are_case_insensitive_and_resources_come_in_ARM_envelopes_with_secrets_masked()
    {
        await using var emulator = await ArmEmulatorHost.StartAsync();
        using var http = Http(emulator, emulator.Token);
        var factory = emulator.FactoryId("cm-azure-01").Path;
        using var created = await Send(http, HttpMethod.Put, factory + Api, emulator.Token, """{"location": "emulator"}""");
        using var put = await Send(http, HttpMethod.Put, factory.ToUpperInvariant().Replace("CM-AZURE-01", "cm-azure-01", StringComparison.Ordinal) + "/LINKEDSERVICES/BcDestination" + Api,
            emulator.Token, AdfJson.AzureSqlLinkedService().ToJsonString());
        using var get = await Send(http, HttpMethod.Get, factory + "/linkedServices/bcdestination" + Api, emulator.Token);
        using var list = await Send(http, HttpMethod.Get, $"/subscriptions/{ArmEmulatorHost.DefaultSubscription}/providers/Microsoft.DataFactory/factories{Api}", emulator.Token);
        using var unknown = await Send(http, HttpMethod.Get, factory + "/triggers" + Api, emulator.Token);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var resource = JsonNode.Parse(await get.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("BcDestination", resource["name"]!.GetValue<string>());
        Assert.Equal("Microsoft.DataFactory/factories/linkedservices", resource["type"]!.GetValue<string>());
        Assert.EndsWith("/linkedservices/BcDestination", resource["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("**********", resource["properties"]!["typeProperties"]!["connectionString"]!["value"]!.GetValue<string>());
        Assert.Equal(["cm-azure-01"], JsonNode.Parse(await list.Content.ReadAsStringAsync())!["value"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.NotFound, "InvalidResourceType"), (unknown.StatusCode, await CodeAsync(unknown)));
        Assert.Equal(["Factories_CreateOrUpdate", "LinkedServices_CreateOrUpdate", "LinkedServices_Get", "Factories_List", "Unknown"],
            emulator.Requests.Records.Select(r => r.Operation));
    }

    [Fact]
    public async Task The_test_hooks_register_factories_and_at_most_four_nodes_per_runtime_and_take_faults()
    {
        await using var emulator = await ArmEmulatorHost.StartAsync();
        using var http = Http(emulator, emulator.Token);
        using var registered = await Send(http, HttpMethod.Post, "/emulator/factories", emulator.Token, """{"name": "cm-azure-02"}""");
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var local = await new LocalFactoryRegistry(emulator.Store).OpenAsync("cm-azure-02");
        await local.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var keys = await local.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        var key = Secure.Plain(keys.AuthKey1);

        var statuses = new List<HttpStatusCode>();
        foreach (var node in new[] { "node-1", "node-2", "node-3", "node-4", "node-5" })
        {
            using var answer = await Send(http, HttpMethod.Post, "/emulator/nodes", emulator.Token, new JsonObject { ["authKey"] = key, ["nodeName"] = node }.ToJsonString());
            statuses.Add(answer.StatusCode);
        }

        using var fault = await Send(http, HttpMethod.Post, "/emulator/faults", emulator.Token, """{"operation": "Factories_Get", "status": 503, "count": 1}""");
        using var faulted = await Send(http, HttpMethod.Get, emulator.FactoryId("cm-azure-02").Path + Api, emulator.Token);
        using var healthy = await Send(http, HttpMethod.Get, emulator.FactoryId("cm-azure-02").Path + Api, emulator.Token);
        using var requests = await Send(http, HttpMethod.Get, "/emulator/requests", emulator.Token);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
        Assert.Equal(4, (await local.GetIntegrationRuntimeAsync("cm-ir-01", default))!.Nodes.Count);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (faulted.StatusCode, healthy.StatusCode));
        Assert.Equal(2, JsonNode.Parse(await requests.Content.ReadAsStringAsync())!["counts"]!["Factories_Get"]!.GetValue<int>());
    }

    [Fact]
    public async Task Started_as_a_process_it_prints_its_address_serves_and_stops_when_input_closes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-arm-process-" + Guid.NewGuid().ToString("N"));
        var store = Path.Combine(folder, "factories.db");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { EmulatorDll(), "--store", store, "--auto-register" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var started = JsonNode.Parse(line!)!.AsObject();
            var options = new AzureDataFactoryOptions
            {
                Endpoint = new Uri(started["url"]!.GetValue<string>()),
                PinnedCertificateSha256 = started["thumbprint"]!.GetValue<string>(),
            };
            using var factory = new AzureDataFactory(AzureFactoryId.Create(ArmEmulatorHost.DefaultSubscription, "rg", "cm-azure-03"),
                EmulatedFactory.Credential(started["token"]!.GetValue<string>()), options);

            await factory.CreateIntegrationRuntimeAsync("cm-ir-01", "from a process", default);

            Assert.Equal(Path.GetFullPath(store), started["store"]!.GetValue<string>());
            var local = await new LocalFactoryRegistry(FactoryStore.Open(store)).OpenAsync("cm-azure-03");
            Assert.Equal("from a process", (await local.GetIntegrationRuntimeAsync("cm-ir-01", default))!.Description);

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>ArmEmulator.dll beside the tests (copied with its runtimeconfig as a referenced project).</summary>
    private static string EmulatorDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ArmEmulator.dll");
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"{dll} has no runtimeconfig beside it.");
        return dll;
    }

    private static HttpClient Http(ArmEmulatorHost emulator, string? token)
    {
#pragma warning disable CA2000 // the client owns the handler
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                string.Equals(certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), emulator.Thumbprint, StringComparison.OrdinalIgnoreCase),
        };
#pragma warning restore CA2000
        var http = new HttpClient(handler) { BaseAddress = emulator.BaseUri };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string token, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?["code"]?.GetValue<string>();
}
