using Azure.Core;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// How an <see cref="AzureDataFactory"/> reaches Azure Resource Manager. The inherited <see cref="ClientOptions.Retry"/>
/// governs retries of transient answers (408, 429, 500, 502, 503, 504, honouring Retry-After) and the per-try network
/// timeout; <see cref="ClientOptions.Diagnostics"/> keeps content logging off unless a caller turns it on.
/// </summary>
public sealed class AzureDataFactoryOptions : ClientOptions
{
    /// <summary>The ADF REST API version every request names.</summary>
    public const string ApiVersion = "2018-06-01";

    /// <summary>The token scope of Azure Resource Manager.</summary>
    public const string Scope = "https://management.azure.com/.default";

    /// <summary>Public Azure's Resource Manager.</summary>
    public static readonly Uri DefaultEndpoint = new("https://management.azure.com");

    public AzureDataFactoryOptions()
    {
        Retry.MaxRetries = 4;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromSeconds(1);
        Retry.MaxDelay = TimeSpan.FromSeconds(60);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.ApplicationId = "CloudMigration";
    }

    /// <summary>The Resource Manager endpoint (HTTPS only): another cloud's, or a local emulator's.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// The SHA-256 thumbprint (hex; ':' and spaces ignored) of the one server certificate to accept, for an emulator
    /// with a self-signed certificate. When set, chain and name checks are replaced by this comparison; when null
    /// (Azure), the platform validates the certificate as usual.
    /// </summary>
    public string? PinnedCertificateSha256 { get; set; }

    /// <summary>How long one call may take in all, retries and their waits included (default 5 minutes).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often createRun is submitted at most when the answer is lost (a timeout, a broken connection, a 5xx).
    /// Before each new submission the factory's runs are searched for the request id the caller passed; without a
    /// request id an ambiguous failure is never submitted again. Default 3.
    /// </summary>
    public int CreateRunAttempts { get; set; } = 3;

    /// <summary>The pause before looking for a run whose createRun answer was lost (default 2 seconds).</summary>
    public TimeSpan RunLookupDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far back queryPipelineRuns looks when the caller names no time (default 30 days; ADF keeps runs 45).</summary>
    public TimeSpan RunQueryWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How far back GetInfoAsync looks for Queued, InProgress and Canceling runs (default 7 days).</summary>
    public TimeSpan ActiveRunWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The clock of query windows.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Receives one line per request attempt and per decision (retry, run lookup), already redacted: method, path,
    /// status, duration, ARM error code. Never bodies, headers or tokens. Null: nothing is written.
    /// </summary>
    public Action<string>? Log { get; set; }
}
