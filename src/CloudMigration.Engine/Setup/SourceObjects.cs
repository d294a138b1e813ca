using System.Data.Common;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Setup;

/// <summary>The objects setup keeps in the source's system database (created by the preparation pipeline).</summary>
internal static class SourceObjects
{
    /// <summary>Drops them (Remove-CmSetup -Source); dropping what is not there is not an error.</summary>
    public static async Task DropAsync(CmEndpoint source, CancellationToken cancellationToken)
    {
        var provider = SqlProviders.For(source);
        await using var connection = await provider.OpenAsync(source, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = provider.Dialect.Script(ControlSchema.DropSourceObjectsScript);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, source);
        }
    }
}
