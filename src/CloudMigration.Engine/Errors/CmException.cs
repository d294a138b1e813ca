using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Errors;

/// <summary>
/// The one exception type the engine lets escape to callers. It carries what a PowerShell
/// error record needs: a stable error id, a category, the target object and a recommended action.
/// Messages are redacted when the exception is created, so no secret travels inside it.
/// </summary>
public sealed class CmException : Exception
{
    public CmException(string errorId, CmErrorCategory category, string message, string recommendedAction,
        object? targetObject = null, Exception? innerException = null)
        : base(SecretRedactor.Redact(message), innerException is null ? null : new RedactedException(innerException))
    {
        ErrorId = errorId;
        Category = category;
        RecommendedAction = SecretRedactor.Redact(recommendedAction);
        // A text target may come from user input (a connection string): redact it here, once, for every caller.
        TargetObject = targetObject is string text ? SecretRedactor.Redact(text) : targetObject;
    }

    /// <summary>A stable identifier, one of <see cref="ErrorIds"/>.</summary>
    public string ErrorId { get; }

    public CmErrorCategory Category { get; }

    /// <summary>What the user should do about it, in one or two sentences.</summary>
    public string RecommendedAction { get; }

    /// <summary>The object the error is about (an endpoint, a company id, a path). Never a secret.</summary>
    public object? TargetObject { get; }
}

/// <summary>
/// Wraps a provider exception so that its message (and nothing else of it) survives, redacted.
/// Provider exceptions can carry connection details; the original is deliberately not kept.
/// </summary>
public sealed class RedactedException : Exception
{
    public RedactedException(Exception original)
        : base(SecretRedactor.Redact(original.Message),
               original.InnerException is null ? null : new RedactedException(original.InnerException))
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        ProviderErrorNumber = ProviderErrors.NumberOf(original);
    }

    /// <summary>The type name of the provider exception this stands for.</summary>
    public string OriginalType { get; }

    /// <summary>The provider's error number (SQL Server error number or SQLite error code), when there is one.</summary>
    public int? ProviderErrorNumber { get; }

    public override string ToString() => $"{OriginalType}: {Message}";
}
