namespace CloudMigration.Engine.Errors;

/// <summary>
/// The category of an engine error. The names match System.Management.Automation.ErrorCategory
/// so the cmdlet layer maps them by name without the engine referencing PowerShell.
/// </summary>
public enum CmErrorCategory
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    ObjectNotFound,
    ConnectionError,
    AuthenticationError,
    PermissionDenied,
    ResourceUnavailable,
    ResourceExists,
    OperationStopped,
    OperationTimeout,
    NotImplemented,
    WriteError,
    ReadError,
}
