using System.Security.Authentication;
using Azure;
using Azure.Core;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// Which answers Azure.Core's RetryPolicy may retry. Idempotent requests (GET, PUT, DELETE, queries, key and status
/// actions): 408, 429, 500, 502, 503, 504 and lost connections or per-try timeouts. createRun (<see cref="ThrottlingOnly"/>):
/// only 429, which ADF answers before doing anything; whatever else goes wrong is left to <see cref="RunSubmission"/>, which
/// looks for the run before submitting it again. A refused server certificate is never retried.
/// </summary>
internal sealed class AdfResponseClassifier : ResponseClassifier
{
    public static readonly AdfResponseClassifier Transient = new(throttlingOnly: false);

    public static readonly AdfResponseClassifier ThrottlingOnly = new(throttlingOnly: true);

    private readonly bool throttlingOnly;

    private AdfResponseClassifier(bool throttlingOnly) => this.throttlingOnly = throttlingOnly;

    /// <summary>The statuses ADF documents as transient.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>A status that leaves open whether a non-idempotent request was carried out.</summary>
    public static bool IsAmbiguousStatus(int status) => status is 408 or 500 or 502 or 503 or 504;

    public override bool IsRetriableResponse(HttpMessage message) =>
        throttlingOnly ? message.Response.Status == 429 : IsTransientStatus(message.Response.Status);

    public override bool IsRetriableException(Exception exception) =>
        !throttlingOnly && !IsCertificateFailure(exception) && base.IsRetriableException(exception);

    public override bool IsRetriable(HttpMessage message, Exception exception) =>
        !throttlingOnly && !IsCertificateFailure(exception) && base.IsRetriable(message, exception);

    /// <summary>Whether the TLS handshake failed (the server's certificate was refused): retrying cannot help.</summary>
    public static bool IsCertificateFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the exception is a lost or refused connection (status 0 from the transport), not an answer.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is RequestFailedException { Status: 0 } or IOException or HttpRequestException;
}
