using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;

namespace CloudMigration.ArmEmulator;

/// <summary>
/// Answers every request like Azure Resource Manager in front of ADF: checks the bearer token (401 with
/// WWW-Authenticate), the api-version (400), finds the operation without regard to case, applies an injected fault,
/// runs the handler over the local engine and writes ARM's JSON (errors as <c>{"error":{"code","message"}}</c>).
/// Paths under /emulator/ are the test hooks (<see cref="TestHooks"/>).
/// </summary>
internal sealed class ArmDispatcher(EmulatorState state, string token, CancellationToken stopping)
{
    public const string ApiVersion = "2018-06-01";

    private static readonly ArmOperation[] Operations =
        [.. FactoryOperations.All, .. RuntimeOperations.All, .. ResourceOperations.All, .. RunOperations.All];

    private readonly byte[] expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + token);

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("D");
        context.Response.Headers["x-ms-request-id"] = requestId;
        context.Response.Headers["x-ms-correlation-request-id"] = requestId;
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/emulator/", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, IsAuthorized(context.Request, out var refused) ? await TestHooks.HandleAsync(state, context) : refused);
            return;
        }

        var method = context.Request.Method.ToUpperInvariant();
        var route = ArmRoute.Parse(path);
        var (operation, names) = Resolve(route, method);
        var name = operation?.Name ?? (route is { Factory: null } && method == "GET" ? FactoryOperations.List : "Unknown");
        var status = 0;
        try
        {
            var result = await ProcessAsync(context, route, operation, names, name, path);
            if (result is not null)
            {
                status = result.Status;
                await WriteAsync(context, result);
            }
        }
        finally
        {
            state.Requests.Add(new ArmRequestRecord(method, path, name, status));
        }
    }

    /// <summary>The answer, or null when an injected hang left the request without one.</summary>
    private async Task<ArmResult?> ProcessAsync(HttpContext context, ArmRoute? route, ArmOperation? operation, string[]? names, string name, string path)
    {
        if (!IsAuthorized(context.Request, out var denied))
        {
            return denied;
        }

        var version = context.Request.Query["api-version"].ToString();
        if (version.Length == 0)
        {
            return ArmResult.Error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        if (version != ApiVersion)
        {
            return ArmResult.Error(400, "InvalidApiVersionParameter", $"The api-version '{version}' is invalid. The supported versions are '{ApiVersion}'.");
        }

        if (route is null || (operation is null && name != FactoryOperations.List))
        {
            return operation is null && route is not null && Operations.Any(o => o.Match(route.Rest) is not null)
                ? ArmResult.Error(405, "MethodNotAllowed", $"The method {context.Request.Method} is not allowed on '{path}'.")
                : ArmResult.Error(404, "InvalidResourceType", $"The resource type could not be found in the namespace 'Microsoft.DataFactory' for api version '{ApiVersion}'.");
        }

        JsonNode? body;
        try
        {
            body = await ReadBodyAsync(context.Request);
        }
        catch (JsonException ex)
        {
            return ArmResult.Error(400, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: {ex.Message}");
        }

        var fault = state.Faults.Take(context.Request.Method, path, name);
        if (fault is { AfterHandling: false })
        {
            return await FaultAsync(context, fault);
        }

        var skip = int.TryParse(context.Request.Query["$skipToken"].ToString(), out var n) && n > 0 ? n : 0;
        var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}");
        var result = await HandleAsync(new ArmRequest(state, route, names ?? [], body, url, skip, context.RequestAborted), operation, route);
        return fault is null ? result : await FaultAsync(context, fault);
    }

    private async Task<ArmResult> HandleAsync(ArmRequest request, ArmOperation? operation, ArmRoute route)
    {
        try
        {
            return operation is null
                ? await FactoryOperations.ListAsync(state, route, request.CancellationToken)
                : await operation.Handler(request);
        }
        catch (CmException ex)
        {
            return ArmErrors.From(ex, route);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            // A body of the wrong shape (a number where ADF takes a string, ...): ADF's 400.
            return ArmErrors.BadRequest($"The request content is not valid: {ex.Message}");
        }
    }

    private async Task<ArmResult?> FaultAsync(HttpContext context, FaultRule fault)
    {
        if (fault.Kind == FaultKind.Hang)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
            }

            return null;
        }

        var result = ArmResult.Error(fault.Status, fault.Code ?? DefaultCode(fault.Status),
            fault.Message ?? $"Injected fault: HTTP {fault.Status}.");
        return fault.RetryAfterSeconds is { } seconds ? result.WithHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)) : result;
    }

    private static (ArmOperation? Operation, string[]? Names) Resolve(ArmRoute? route, string method)
    {
        if (route?.Factory is null)
        {
            return (null, null);
        }

        foreach (var operation in Operations.Where(o => o.Method == method))
        {
            if (operation.Match(route.Rest) is { } names)
            {
                return (operation, names);
            }
        }

        return (null, null);
    }

    private bool IsAuthorized(HttpRequest request, out ArmResult denied)
    {
        var header = request.Headers.Authorization.ToString();
        var given = Encoding.UTF8.GetBytes(header);
        if (header.Length > 0 && CryptographicOperations.FixedTimeEquals(given, expectedAuthorization))
        {
            denied = null!;
            return true;
        }

        denied = (header.Length == 0
                ? ArmResult.Error(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
                : ArmResult.Error(401, "InvalidAuthenticationToken", "The access token is invalid."))
            .WithHeader("WWW-Authenticate",
                "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The access token is missing or invalid.\"");
        return false;
    }

    internal static async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    internal static async Task WriteAsync(HttpContext context, ArmResult result)
    {
        context.Response.StatusCode = result.Status;
        foreach (var (name, value) in result.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (result.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(result.Body.ToJsonString(), context.RequestAborted);
        }
    }

    private static string DefaultCode(int status) => status switch
    {
        400 => "BadRequest",
        401 => "InvalidAuthenticationToken",
        403 => "AuthorizationFailed",
        404 => "NotFound",
        408 => "RequestTimeout",
        409 => "Conflict",
        429 => "TooManyRequests",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "InternalServerError",
    };
}
