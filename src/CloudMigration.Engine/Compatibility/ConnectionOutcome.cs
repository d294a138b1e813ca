using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Compatibility;

/// <summary>Whether one side could be reached, and if not, the error (with the provider's error number).</summary>
public sealed class ConnectionOutcome
{
    public required CompatibilityTargetType Side { get; init; }

    public required CmEndpoint Endpoint { get; init; }

    /// <summary>Null when the connection was made.</summary>
    public CmException? Error { get; init; }

    public bool Connected => Error is null;

    /// <summary>The SQL Server error number (0, 2, 53, 1225, 18456, ...) when the connection failed with one.</summary>
    public int? ErrorNumber => (Error?.InnerException as RedactedException)?.ProviderErrorNumber;
}
