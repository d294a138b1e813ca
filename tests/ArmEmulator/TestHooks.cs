using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;

namespace CloudMigration.ArmEmulator;

/// <summary>
/// The test hooks under /emulator/ (bearer token required, no api-version):
/// <list type="bullet">
/// <item>POST /emulator/factories <c>{"name"}</c>: registers a local factory (what creating it in the portal would be).</item>
/// <item>POST /emulator/nodes <c>{"authKey","nodeName"}</c>: registers a self-hosted IR node hosted in the emulator, which runs pipeline runs.</item>
/// <item>POST /emulator/faults (a <see cref="FaultRule"/> as JSON), DELETE /emulator/faults: injects or clears faults.</item>
/// <item>GET /emulator/requests: <c>{"counts": {operationId: n}, "requests": [...]}</c>; DELETE /emulator/requests clears the log.</item>
/// </list>
/// </summary>
internal static class TestHooks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ArmResult> HandleAsync(EmulatorState state, HttpContext context)
    {
        var hook = (context.Request.Path.Value ?? string.Empty)["/emulator/".Length..].Trim('/').ToLowerInvariant();
        var method = context.Request.Method.ToUpperInvariant();
        var cancellationToken = context.RequestAborted;
        try
        {
            switch (method, hook)
            {
                case ("POST", "factories"):
                    var name = (await BodyAsync(context))["name"]?.GetValue<string>() ?? string.Empty;
                    Engine.Factories.AdfNames.RequireFactoryName(name);
                    await state.RegisterAsync(name, cancellationToken);
                    return ArmResult.Ok(new JsonObject { ["name"] = name });
                case ("POST", "nodes"):
                    var body = await BodyAsync(context);
                    using (var key = new NetworkCredential(string.Empty, body["authKey"]?.GetValue<string>() ?? string.Empty).SecurePassword)
                    {
                        var node = await state.Nodes.RegisterAsync(key, body["nodeName"]?.GetValue<string>(), cancellationToken);
                        return ArmResult.Ok(new JsonObject { ["factory"] = node.Factory, ["integrationRuntime"] = node.IntegrationRuntime, ["nodeName"] = node.NodeName });
                    }

                case ("POST", "faults"):
                    var rule = JsonSerializer.Deserialize<FaultRule>((await BodyAsync(context)).ToJsonString(), Json)
                        ?? throw new JsonException("A fault rule is a JSON object.");
                    state.Faults.Add(rule);
                    return ArmResult.Ok(new JsonObject { ["pending"] = state.Faults.Pending });
                case ("DELETE", "faults"):
                    state.Faults.Clear();
                    return new ArmResult(200);
                case ("GET", "requests"):
                    return ArmResult.Ok(new JsonObject
                    {
                        ["counts"] = JsonSerializer.SerializeToNode(state.Requests.Counts(), Json),
                        ["requests"] = JsonSerializer.SerializeToNode(state.Requests.Records, Json),
                    });
                case ("DELETE", "requests"):
                    state.Requests.Clear();
                    return new ArmResult(200);
                default:
                    return ArmResult.Error(404, "NotFound", $"No test hook {method} /emulator/{hook}.");
            }
        }
        catch (CmException ex)
        {
            return ArmErrors.From(ex, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return ArmErrors.BadRequest(ex.Message);
        }
    }

    private static async Task<JsonObject> BodyAsync(HttpContext context) =>
        await ArmDispatcher.ReadBodyAsync(context.Request) as JsonObject ?? throw new JsonException("The body must be a JSON object.");
}
