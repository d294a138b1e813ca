using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Identity;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// Turns ARM's answers (<c>{"error":{"code","message"}}</c> with a status) and transport failures into
/// <see cref="CmException"/>s: a stable id, the category by status, ARM's code in the message, and advice.
/// </summary>
internal static class AzureErrors
{
    private const string Portal = "the factory in the Azure portal";

    /// <summary>The error an unsuccessful exchange stands for.</summary>
    public static CmException From(AdfExchange exchange, AdfCall call, AzureFactoryId factory, AzureDataFactoryOptions options) =>
        exchange.Error is { } error ? FromException(error, exchange.TimedOut, call, factory, options) : FromResponse(exchange, call, factory);

    /// <summary>The ARM error code and message of a body, when it has them (wrapped in "error" or not).</summary>
    public static (string? Code, string? Message) ReadArmError(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var error = root.TryGetProperty("error", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object ? wrapped : root;
            return (Text(error, "code"), Text(error, "message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// Whether a 404 says the factory itself (or its resource group or subscription) is missing, not something in it:
    /// ARM's codes for the containers, or ResourceNotFound naming the factory's own id.
    /// </summary>
    public static bool IsFactoryMissing(int status, string? code, string? message, AzureFactoryId factory) =>
        status == 404
        && (code is "ResourceGroupNotFound" or "SubscriptionNotFound" or "FactoryNotFound"
            || (code == "ResourceNotFound" && message is not null
                && message.Contains($"factories/{factory.Name}'", StringComparison.OrdinalIgnoreCase)));

    public static CmException InvalidResponse(AdfCall call, string problem, Exception? inner = null) =>
        new(ErrorIds.AzureResponseInvalid, CmErrorCategory.InvalidData,
            $"Azure Data Factory's answer to '{call.What}' could not be read: {problem}",
            "Check that the endpoint is Azure Resource Manager (or the emulator), then try again.", call.Target, inner);

    /// <summary>The last of the exceptions Azure.Core gathered over its retries, or the exception itself.</summary>
    public static Exception Innermost(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? Innermost(aggregate.InnerExceptions[^1]) : exception;

    private static CmException FromResponse(AdfExchange exchange, AdfCall call, AzureFactoryId factory)
    {
        var status = exchange.Status;
        var (code, armMessage) = ReadArmError(exchange.Body);
        code ??= "(no code)";
        var detail = $"HTTP {status} {code}: {armMessage ?? "(no message)"}"
            + (exchange.RequestId is { } requestId ? $" (request id {requestId})" : string.Empty);
        var message = $"Azure Data Factory refused to {call.What} in the factory '{factory.Name}': {detail}";
        var inner = new RequestFailedException(status, armMessage ?? code, code, null);
        var target = call.Target ?? factory.Name;

        CmException Error(string id, CmErrorCategory category, string action) => new(id, category, message, action, target, inner);

        return status switch
        {
            400 when call.InUseId is { } inUse => Error(inUse, CmErrorCategory.InvalidOperation, call.InUseAction ?? InUseAction),
            400 when call.InvalidId is { } invalid => Error(invalid, CmErrorCategory.InvalidArgument,
                "Correct the definition as the message says; ADF checks names, types, required properties and references."),
            400 => Error(ErrorIds.AzureRequestFailed, CmErrorCategory.InvalidArgument, "Correct the request as the message says."),
            401 => Error(ErrorIds.AzureAuthenticationFailed, CmErrorCategory.AuthenticationError,
                "Sign in again (for example Connect-AzAccount) with an account of the factory's tenant, then try again."),
            403 => Error(ErrorIds.AzurePermissionDenied, CmErrorCategory.PermissionDenied,
                $"Give the signed-in identity the Data Factory Contributor role on {Portal} (or its resource group)."),
            404 when IsFactoryMissing(status, code, armMessage, factory) => new CmException(ErrorIds.FactoryNotFound, CmErrorCategory.ObjectNotFound,
                $"The Azure data factory '{factory}' was not found: {detail}",
                "Check the subscription, resource group and factory name, and that the signed-in account can see them.", factory.ToString(), inner),
            404 => Error(call.NotFoundId ?? ErrorIds.ResourceNotFound, CmErrorCategory.ObjectNotFound,
                "Check the name; list what the factory has to find it."),
            409 when call.InUseId is { } inUse => Error(inUse, CmErrorCategory.InvalidOperation, call.InUseAction ?? InUseAction),
            409 => Error(ErrorIds.AzureConflict, code.EndsWith("Exists", StringComparison.OrdinalIgnoreCase) ? CmErrorCategory.ResourceExists : CmErrorCategory.ResourceUnavailable,
                "Another operation on the factory is under way or the resource already exists; wait, then try again."),
            408 => Error(ErrorIds.AzureRequestTimeout, CmErrorCategory.OperationTimeout, "Try again later; Azure did not finish the request in time."),
            429 => Error(ErrorIds.AzureThrottled, CmErrorCategory.ResourceUnavailable,
                "Azure is throttling requests to the subscription" + (exchange.RetryAfter is { } wait
                    ? string.Create(CultureInfo.InvariantCulture, $"; wait at least {wait.TotalSeconds:0} seconds, then try again.")
                    : "; wait a while, then try again.")),
            >= 500 => Error(ErrorIds.AzureServiceUnavailable, CmErrorCategory.ResourceUnavailable,
                "Azure Data Factory is failing for now (the request was retried); try again later, and check Azure status if it persists."),
            _ => Error(ErrorIds.AzureRequestFailed, CmErrorCategory.NotSpecified, "Read ARM's message; try again if it looks transient."),
        };
    }

    private static CmException FromException(Exception error, bool timedOut, AdfCall call, AzureFactoryId factory, AzureDataFactoryOptions options)
    {
        var last = Innermost(error);
        var target = call.Target ?? factory.Name;
        var endpoint = options.Endpoint.GetLeftPart(UriPartial.Authority);
        if (AdfResponseClassifier.IsCertificateFailure(error))
        {
            return new CmException(ErrorIds.AzureServerCertificateRejected, CmErrorCategory.ConnectionError,
                options.PinnedCertificateSha256 is null
                    ? $"The server {endpoint} presented a certificate this machine does not trust, so the request to {call.What} was not sent."
                    : $"The server {endpoint} presented a certificate other than the pinned one (SHA-256 {options.PinnedCertificateSha256}), so the request to {call.What} was not sent.",
                options.PinnedCertificateSha256 is null
                    ? "Check the endpoint: Azure Resource Manager's certificate is trusted everywhere; an emulator needs its thumbprint pinned."
                    : "Pin the thumbprint the emulator printed when it started (each start generates a new certificate).",
                endpoint, error);
        }

        if (last is AuthenticationFailedException)
        {
            return new CmException(ErrorIds.AzureAuthenticationFailed, CmErrorCategory.AuthenticationError,
                $"No token for Azure Resource Manager could be obtained to {call.What}: {last.Message}",
                "Sign in again (for example Connect-AzAccount), or check the credential's tenant and client.", target, error);
        }

        if (timedOut || last is OperationCanceledException)
        {
            return new CmException(ErrorIds.AzureRequestTimeout, CmErrorCategory.OperationTimeout,
                string.Create(CultureInfo.InvariantCulture,
                    $"Azure Data Factory did not answer the request to {call.What} in time (network timeout {options.Retry.NetworkTimeout.TotalSeconds:0.#} s per try, {options.OperationTimeout.TotalSeconds:0.#} s in all): {last.Message}"),
                "Try again; check the network to Azure Resource Manager if it persists.", target, error);
        }

        if (AdfResponseClassifier.IsConnectionFailure(last))
        {
            return new CmException(ErrorIds.AzureConnectionFailed, CmErrorCategory.ConnectionError,
                $"Azure Resource Manager ({endpoint}) could not be reached to {call.What}: {last.Message}",
                "Check the network, proxy and firewall between this machine and Azure Resource Manager, then try again.", endpoint, error);
        }

        return new CmException(ErrorIds.AzureRequestFailed, CmErrorCategory.NotSpecified,
            $"The request to {call.What} in the Azure data factory '{factory.Name}' failed: {last.Message}",
            "Read the message; try again if it looks transient.", target, error);
    }

    private const string InUseAction = "Delete what refers to it first, in ADF's order: pipelines, then datasets, then linked services, then the integration runtime.";

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
