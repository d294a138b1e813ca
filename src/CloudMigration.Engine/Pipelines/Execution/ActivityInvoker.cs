using System.Data.Common;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// Runs one activity: evaluates its input, records it InProgress, runs its executor, and records how it ended
/// (Succeeded with output, Failed with an error code and message, or Cancelled). Nothing it records holds a secret:
/// inputs and outputs pass through the redactor, and errors are redacted messages, never exceptions.
/// </summary>
internal static class ActivityInvoker
{
    private static readonly Dictionary<string, IActivityExecutor> Executors = new(StringComparer.Ordinal)
    {
        [ActivityTypes.Lookup] = new LookupActivityExecutor(),
        [ActivityTypes.Copy] = new CopyActivityExecutor(),
        [ActivityTypes.ForEach] = new ForEachActivityExecutor(),
        [ActivityTypes.SqlServerStoredProcedure] = new StoredProcedureActivityExecutor(),
        [ActivityTypes.Script] = new ScriptActivityExecutor(),
    };

    public static async Task<ActivityResult> RunAsync(ActivityScope scope, ActivityDefinition activity)
    {
        await Task.Yield();
        var run = scope.Run;
        var token = run.CancellationToken;
        var invocation = new ActivityInvocation(scope, activity);
        var executor = Executors[activity.Type];
        var start = run.Now;

        JsonObject? input = null;
        Exception? inputError = null;
        try
        {
            input = executor.PrepareInput(invocation);
        }
        catch (Exception ex) when (ex is CmException or ActivityFailure)
        {
            inputError = ex;
        }

        var recordedInput = JsonRedaction.Redact(input is null ? activity.TypeProperties : executor.RecordedInput(input));
        await run.RecordAsync(Info(scope, activity, ActivityRunStatus.InProgress, start, null, recordedInput, null, null, null)).ConfigureAwait(false);

        ActivityResult result;
        if (inputError is not null)
        {
            result = Failure(activity, inputError, null);
        }
        else
        {
            try
            {
                token.ThrowIfCancellationRequested();
                var output = await executor.ExecuteAsync(invocation, input!, token).ConfigureAwait(false);
                result = new ActivityResult(activity.Name, activity.Type, ActivityRunStatus.Succeeded, JsonRedaction.Redact(output) ?? new JsonObject(), null, null);
            }
            catch (Exception ex) when (token.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                result = new ActivityResult(activity.Name, activity.Type, ActivityRunStatus.Cancelled, null, "Cancelled", "The activity was cancelled with its pipeline run.");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result = Failure(activity, ex, (ex as ActivityFailure)?.Output);
            }
        }

        await run.RecordAsync(Info(scope, activity, result.Status, start, run.Now, recordedInput, result.Output, result.ErrorCode, result.ErrorMessage)).ConfigureAwait(false);
        return result;
    }

    private static ActivityResult Failure(ActivityDefinition activity, Exception ex, JsonNode? output)
    {
        var (code, message) = ex switch
        {
            ActivityFailure failure => (failure.Code, failure.Message),
            CmException cm => (cm.ErrorId, cm.Message),
            DbException db => ("SqlOperationFailed", $"The database reported an error{(Errors.ProviderErrors.NumberOf(db) is { } number ? $" ({number})" : string.Empty)}: {db.Message}"),
            _ => ("InternalError", $"{ex.GetType().Name}: {ex.Message}"),
        };
        return new ActivityResult(activity.Name, activity.Type, ActivityRunStatus.Failed, JsonRedaction.Redact(output), code, SecretRedactor.Redact(message));
    }

    private static ActivityRunInfo Info(ActivityScope scope, ActivityDefinition activity, ActivityRunStatus status, DateTimeOffset start, DateTimeOffset? end,
        JsonNode? input, JsonNode? output, string? errorCode, string? errorMessage) => new()
    {
        RunId = scope.Run.RunId,
        ActivityName = activity.Name,
        ActivityType = activity.Type,
        Status = status,
        Start = start,
        End = end,
        Iteration = scope.Iteration,
        Input = input?.DeepClone(),
        Output = output?.DeepClone(),
        ErrorCode = errorCode,
        ErrorMessage = errorMessage,
    };
}
