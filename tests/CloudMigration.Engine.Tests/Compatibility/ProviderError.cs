using System.Data.Common;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>
/// A provider exception with an error number. SqlException has no public constructor; ProviderErrors reads
/// <see cref="DbException.ErrorCode"/> of any other DbException, which is what this stands in for.
/// </summary>
internal sealed class ProviderError(string message, int number) : DbException(message, number)
{
    /// <summary>A connection error as the provider layer raises it, wrapping a provider error with this number.</summary>
    public static CmException Connecting(string errorId, int? number, string message = "Connecting failed.", string recommendedAction = "Check the server.") =>
        new(errorId, CmErrorCategory.ConnectionError, message, recommendedAction, innerException: number is { } n ? new ProviderError("provider message", n) : null);
}
