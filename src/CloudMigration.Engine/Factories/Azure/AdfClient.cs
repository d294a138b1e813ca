using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// The HTTP side of <see cref="AzureDataFactory"/>: ONE Azure.Core pipeline (bearer token for ARM's scope, retries
/// with Retry-After judged by <see cref="AdfResponseClassifier"/>, Azure.Core's diagnostics without content, the
/// redacted attempt log) over the default transport, or a transport pinned to one certificate. Every request is
/// below the factory's id, with the api-version, bounded by the operation timeout and the caller's token.
/// </summary>
internal sealed class AdfClient : IDisposable
{
    private readonly HttpPipeline pipeline;
    private readonly HttpClientTransport? ownedTransport;

    public AdfClient(AzureFactoryId factory, TokenCredential credential, AzureDataFactoryOptions options)
    {
        Factory = factory;
        Options = options;
        Log = new AdfLog(options.Log);
        Endpoint = ValidateEndpoint(options.Endpoint);
        if (options.PinnedCertificateSha256 is { } thumbprint)
        {
            ownedTransport = CertificatePinning.CreateTransport(thumbprint);
            options.Transport = ownedTransport;
        }

        // The token policy runs per try (as in Azure SDK clients): a retry after a long Retry-After gets a fresh token.
        pipeline = HttpPipelineBuilder.Build(options,
            [],
            [new BearerTokenAuthenticationPolicy(credential, AzureDataFactoryOptions.Scope), Log.AttemptPolicy()],
            AdfResponseClassifier.Transient);
    }

    public AzureFactoryId Factory { get; }

    public AzureDataFactoryOptions Options { get; }

    public AdfLog Log { get; }

    public Uri Endpoint { get; }

    /// <summary>Sends; returns the answer when it is a success, else throws the mapped <see cref="CmException"/>.</summary>
    public async Task<AdfExchange> SendAsync(AdfRequest request, AdfCall call, CancellationToken cancellationToken)
    {
        var exchange = await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        return exchange.IsSuccess ? exchange : throw Fail(exchange, call);
    }

    /// <summary>Like <see cref="SendAsync"/>, but null when the thing asked for is missing (404) while the factory exists.</summary>
    public async Task<AdfExchange?> SendOrNullAsync(AdfRequest request, AdfCall call, CancellationToken cancellationToken)
    {
        var exchange = await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (exchange.IsSuccess)
        {
            return exchange;
        }

        if (exchange is { Error: null, Status: 404 })
        {
            var (code, message) = AzureErrors.ReadArmError(exchange.Body);
            if (!AzureErrors.IsFactoryMissing(404, code, message, Factory))
            {
                return null;
            }
        }

        throw Fail(exchange, call);
    }

    /// <summary>Sends a delete; a missing thing (404) or 204 is success, as ADF's delete of a missing resource is.</summary>
    public Task DeleteAsync(string path, AdfCall call, CancellationToken cancellationToken) =>
        SendOrNullAsync(AdfRequest.Delete(path), call, cancellationToken);

    /// <summary>Every item of a paged list (<c>{"value": [...], "nextLink": ...}</c>), following next links on the same host only.</summary>
    public async Task<List<JsonObject>> ListAsync(string path, AdfCall call, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        var request = AdfRequest.Get(path);
        while (true)
        {
            var page = (await SendAsync(request, call, cancellationToken).ConfigureAwait(false)).Json(call);
            items.AddRange(AdfJsonValues.Items(page));
            if (AdfJsonValues.String(page, "nextLink") is not { Length: > 0 } next)
            {
                return items;
            }

            request = AdfRequest.Get(path) with { AbsoluteUri = SameHost(next, call) };
        }
    }

    /// <summary>The error for an unsuccessful exchange, logged (redacted) when a log is set.</summary>
    public CmException Fail(AdfExchange exchange, AdfCall call)
    {
        var error = AzureErrors.From(exchange, call, Factory, Options);
        Log.Write($"ADF error {error.ErrorId}: {error.Message}");
        return error;
    }

    /// <summary>
    /// Sends through the pipeline and reports what came of it. The caller's cancellation is rethrown as
    /// <see cref="OperationCanceledException"/>; everything else (an answer, a timeout, a lost connection) is returned.
    /// </summary>
    public async Task<AdfExchange> ExchangeAsync(AdfRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.OperationTimeout);
        using var message = pipeline.CreateMessage();
        message.ResponseClassifier = request.Classifier;
        message.Request.Method = request.Method;
        message.Request.Uri.Reset(request.AbsoluteUri ?? UriOf(request.RelativePath));
        message.Request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        if (request.Body is { } body)
        {
            message.Request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        }

        try
        {
            await pipeline.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var response = message.Response;
            return new AdfExchange
            {
                Status = response.Status,
                Body = response.Content.ToArray(),
                RequestId = response.Headers.TryGetValue("x-ms-request-id", out var id) ? id : null,
                RetryAfter = response.Headers.TryGetValue("Retry-After", out var wait) && int.TryParse(wait, out var seconds) ? TimeSpan.FromSeconds(seconds) : null,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && AzureErrors.Innermost(ex) is OperationCanceledException)
        {
            throw new OperationCanceledException("The request was cancelled.", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or HttpRequestException or OperationCanceledException
            or AggregateException or AuthenticationFailedException)
        {
            return new AdfExchange { Error = ex, TimedOut = timeout.IsCancellationRequested || AzureErrors.Innermost(ex) is OperationCanceledException };
        }
    }

    public void Dispose() => ownedTransport?.Dispose();

    private Uri UriOf(string relativePath)
    {
        var builder = new UriBuilder(Endpoint)
        {
            Path = Endpoint.AbsolutePath.TrimEnd('/') + Factory.Path + relativePath,
            Query = "api-version=" + AzureDataFactoryOptions.ApiVersion,
        };
        return builder.Uri;
    }

    private Uri SameHost(string link, AdfCall call)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var next)
            || !string.Equals(next.Scheme, Endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(next.Authority, Endpoint.Authority, StringComparison.OrdinalIgnoreCase))
        {
            // The bearer token goes only where the factory is.
            throw AzureErrors.InvalidResponse(call, $"the next page link '{link}' does not point to {Endpoint.GetLeftPart(UriPartial.Authority)}.");
        }

        return next;
    }

    private static Uri ValidateEndpoint(Uri endpoint) =>
        endpoint is { IsAbsoluteUri: true } && endpoint.Scheme == Uri.UriSchemeHttps
            ? endpoint
            : throw new CmException(ErrorIds.AzureEndpointInvalid, CmErrorCategory.InvalidArgument,
                $"'{endpoint}' is not an HTTPS endpoint: Azure Resource Manager (and bearer tokens) need HTTPS.",
                $"Use {AzureDataFactoryOptions.DefaultEndpoint} (or another cloud's Resource Manager, or the emulator's https:// address).", endpoint?.ToString());
}
