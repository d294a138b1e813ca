using System.Collections.Concurrent;
using System.Management.Automation;
using System.Net;
using System.Security;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Operations;

namespace CloudMigration.PowerShell;

/// <summary>
/// The base of every CloudMigration cmdlet. It owns what each cmdlet must do the same way:
/// error records (stable id, category, target, recommended action), Ctrl+C as a CancellationToken,
/// engine work on a worker thread while progress and messages are written only from the pipeline
/// thread, and redaction of secrets in every message.
/// </summary>
public abstract class CmCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private BlockingCollection<Action>? pending;

    /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing).</summary>
    protected CancellationToken CancellationToken => cancellation.Token;

    protected override void StopProcessing() => cancellation.Cancel();

    protected override void ProcessRecord() => Guard(ProcessCore);

    protected override void EndProcessing() => Guard(EndCore);

    /// <summary>The cmdlet's work for one pipeline input.</summary>
    protected abstract void ProcessCore();

    /// <summary>Work after the last pipeline input (cmdlets that collect their input first).</summary>
    protected virtual void EndCore()
    {
    }

    /// <summary>Runs cmdlet work with the error mapping every cmdlet shares.</summary>
    private void Guard(Action work)
    {
        try
        {
            work();
        }
        catch (CmException ex)
        {
            ThrowTerminatingError(ToErrorRecord(ex));
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (ex is not PipelineStoppedException and not RuntimeException and not IContainsErrorRecord)
        {
            // PowerShell's own errors (a refused confirmation prompt in a non-interactive session, for one) carry their
            // record and pass through as they are. Anything else is a defect, not a user error: still redacted, still an error record with a stable id.
            ThrowTerminatingError(new ErrorRecord(new RedactedException(ex), "UnexpectedError", ErrorCategory.NotSpecified, null)
            {
                ErrorDetails = new ErrorDetails(SecretRedactor.Redact(ex.Message)) { RecommendedAction = "This is a defect in CloudMigration; please report it with the command you ran." },
            });
        }
    }

    /// <summary>
    /// Runs engine work on a worker thread and pumps its progress and messages on the pipeline
    /// thread (PowerShell allows Write* calls only there) until the work ends.
    /// </summary>
    protected T Run<T>(Func<IProgress<OperationProgress>, CancellationToken, Task<T>> work)
    {
        using var queue = new BlockingCollection<Action>();
        pending = queue;
        var progress = new QueueProgress(this, queue);
        var task = Task.Run(() => work(progress, CancellationToken), CancellationToken);
        task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
        try
        {
            foreach (var action in queue.GetConsumingEnumerable())
            {
                action();
            }
        }
        catch
        {
            // A stopped pipeline throws from the next Write* call. Let the engine see the cancel and finish
            // its cleanup (a half-written sample is removed, for one) before the cmdlet ends.
            cancellation.Cancel();
            try
            {
                task.Wait(TimeSpan.FromSeconds(60));
            }
            catch (AggregateException)
            {
                // the work's own failure or cancellation; the pipeline's exception is the one to report
            }

            throw;
        }
        finally
        {
            pending = null;
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Whether the user asked for -WhatIf (directly, or through $WhatIfPreference).</summary>
    protected bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) ? ((SwitchParameter)value).IsPresent
            : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

    /// <summary>Writes a verbose message with secrets removed; safe to call from the worker thread.</summary>
    protected void Verbose(string message)
    {
        var text = SecretRedactor.Redact(message);
        OnPipelineThread(() => WriteVerbose(text));
    }

    /// <summary>Shows a message on the host (the information stream, tagged PSHOST) with secrets removed; safe from the worker thread.</summary>
    protected void Notify(string message)
    {
        var text = SecretRedactor.Redact(message);
        OnPipelineThread(() => WriteInformation(new HostInformationMessage { Message = text }, ["PSHOST"]));
    }

    private void OnPipelineThread(Action action)
    {
        if (pending is { IsAddingCompleted: false } queue)
        {
            try
            {
                queue.Add(action);
                return;
            }
            catch (InvalidOperationException)
            {
                // the queue closed between the check and the add: we are back on the pipeline thread
            }
        }

        action();
    }

    /// <summary>A non-terminating error for one item; the cmdlet goes on with the next.</summary>
    protected void WriteItemError(CmException exception) => WriteError(ToErrorRecord(exception));

    /// <summary>A non-terminating CompanyNotFound error for each company name that matched nothing in <paramref name="where"/>.</summary>
    protected void WriteCompaniesNotFound(IEnumerable<string> names, string where,
        string recommendedAction = "Run Get-CmCompany -IncludeInactive to list the companies, and give their ids with -Company.")
    {
        foreach (var name in names)
        {
            WriteItemError(new CmException(ErrorIds.CompanyNotFound, CmErrorCategory.ObjectNotFound,
                $"No company '{name}' was found in {where}.", recommendedAction, name));
        }
    }

    /// <summary>Reads -Source / -Destination into an endpoint, resolving relative SQLite paths against the current location.</summary>
    protected CmEndpoint ResolveEndpoint(CmEndpointParameter value, PSCredential? credential, string parameterName)
    {
        if (value.Endpoint is not null)
        {
            if (credential is not null)
            {
                throw new CmException(ErrorIds.CredentialNotSupported, CmErrorCategory.InvalidArgument,
                    $"-{parameterName} is an endpoint object, which carries its own sign-in, and a credential was given as well.",
                    $"Pass the credential to New-CmEndpoint when you create the endpoint, or give -{parameterName} as a connection string.", value.Endpoint);
            }

            return value.Endpoint;
        }

        return CmEndpoint.Parse(value.Text ?? string.Empty, new EndpointParseOptions
        {
            Credential = ToNetworkCredential(credential),
            BaseDirectory = CurrentDirectory,
        });
    }

    /// <summary>The current PowerShell file-system location (not the process's working directory).</summary>
    protected string CurrentDirectory => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    protected static NetworkCredential? ToNetworkCredential(PSCredential? credential) =>
        credential is null || credential == PSCredential.Empty ? null : new NetworkCredential(credential.UserName, credential.Password);

    /// <summary>Builds the error record of an engine exception: its id, category, target and recommended action.</summary>
    internal static ErrorRecord ToErrorRecord(CmException exception)
    {
        var category = Enum.TryParse<ErrorCategory>(exception.Category.ToString(), out var parsed) ? parsed : ErrorCategory.NotSpecified;
        return new ErrorRecord(exception, exception.ErrorId, category, exception.TargetObject)
        {
            ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction },
        };
    }

    public void Dispose()
    {
        cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class QueueProgress(CmCmdlet cmdlet, BlockingCollection<Action> queue) : IProgress<OperationProgress>
    {
        private static int nextActivityId = 1;
        private readonly int activityId = Interlocked.Increment(ref nextActivityId);
        private readonly ConcurrentDictionary<string, int> children = new(StringComparer.Ordinal);

        public void Report(OperationProgress value)
        {
            var child = value.Child is { } key ? children.GetOrAdd(key, _ => Interlocked.Increment(ref nextActivityId)) : (int?)null;
            var record = new ProgressRecord(child ?? activityId, SecretRedactor.Redact(value.Activity), SecretRedactor.Redact(value.Status))
            {
                PercentComplete = Math.Clamp(value.PercentComplete, -1, 100),
                RecordType = value.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                ParentActivityId = child is null ? -1 : activityId,
            };
            try
            {
                queue.Add(() => cmdlet.WriteProgress(record));
            }
            catch (InvalidOperationException)
            {
                // the work already ended; a late report has nothing left to show
            }
        }
    }
}
