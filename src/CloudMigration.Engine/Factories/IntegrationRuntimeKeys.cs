using System.Security;

namespace CloudMigration.Engine.Factories;

/// <summary>The two authentication keys of a self-hosted IR, as SecureString. Dispose when done.</summary>
public sealed class IntegrationRuntimeKeys : IDisposable
{
    public required string IntegrationRuntime { get; init; }

    public required string Factory { get; init; }

    public required SecureString AuthKey1 { get; init; }

    public required SecureString AuthKey2 { get; init; }

    public void Dispose()
    {
        AuthKey1.Dispose();
        AuthKey2.Dispose();
    }
}
