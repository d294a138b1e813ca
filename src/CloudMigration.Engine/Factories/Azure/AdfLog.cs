using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>The optional verbose sink of an <see cref="AzureDataFactory"/>: every line is redacted before it is written.</summary>
internal sealed class AdfLog(Action<string>? sink)
{
    public bool Enabled => sink is not null;

    public void Write(string line)
    {
        if (sink is not null)
        {
            sink(SecretRedactor.Redact(line));
        }
    }

    /// <summary>A per-retry policy that writes one line per attempt: method, path and query, status, duration. No headers, no bodies.</summary>
    public HttpPipelinePolicy AttemptPolicy() => new AttemptLogPolicy(this);

    private sealed class AttemptLogPolicy(AdfLog log) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                Completed(message, started, null);
            }
            catch (Exception ex)
            {
                Completed(message, started, ex);
                throw;
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                ProcessNext(message, pipeline);
                Completed(message, started, null);
            }
            catch (Exception ex)
            {
                Completed(message, started, ex);
                throw;
            }
        }

        private void Completed(HttpMessage message, long started, Exception? error)
        {
            if (!log.Enabled)
            {
                return;
            }

            var attempt = message.TryGetProperty(typeof(AttemptLogPolicy), out var previous) && previous is int count ? count + 1 : 1;
            message.SetProperty(typeof(AttemptLogPolicy), attempt);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = error is not null ? $"failed ({error.GetType().Name}: {error.Message})"
                : message.HasResponse ? message.Response.Status.ToString(CultureInfo.InvariantCulture)
                : "no response";
            log.Write(string.Create(CultureInfo.InvariantCulture,
                $"ADF {message.Request.Method} {message.Request.Uri.Path}{message.Request.Uri.Query} -> {outcome} in {elapsed:0} ms (attempt {attempt})"));
        }
    }
}
