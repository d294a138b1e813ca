using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// What came of one request after Azure.Core's retries: an answer (status, body, request id) or the exception that
/// ended it. The body is a private copy, so a caller that read a secret from it can zero it.
/// </summary>
internal sealed class AdfExchange
{
    public int Status { get; init; }

    public byte[] Body { get; init; } = [];

    /// <summary>ARM's x-ms-request-id, for support.</summary>
    public string? RequestId { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The exception when there was no answer (a refused certificate, a lost connection, a timeout).</summary>
    public Exception? Error { get; init; }

    /// <summary>Whether the call ran out of its operation timeout or a per-try network timeout.</summary>
    public bool TimedOut { get; init; }

    public bool IsSuccess => Error is null && Status is >= 200 and < 300;

    /// <summary>
    /// Whether a non-idempotent request may or may not have been carried out: no answer, or a 408/5xx. A refused
    /// certificate or a failed sign-in is not ambiguous: the request never reached the service.
    /// </summary>
    public bool IsAmbiguous => Error is not null
        ? TimedOut || (!AdfResponseClassifier.IsCertificateFailure(Error) && AdfResponseClassifier.IsConnectionFailure(AzureErrors.Innermost(Error)))
        : AdfResponseClassifier.IsAmbiguousStatus(Status);

    /// <summary>The body as JSON (an empty object for an empty body); <c>AzureResponseInvalid</c> when it is not JSON.</summary>
    public JsonObject Json(AdfCall call)
    {
        if (Body.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(Body) as JsonObject ?? throw new JsonException("The body is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw AzureErrors.InvalidResponse(call, ex.Message, ex);
        }
    }
}
