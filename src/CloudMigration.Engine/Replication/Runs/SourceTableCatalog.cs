using System.Data.Common;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Replication.Runs;

/// <summary>
/// The tables each source database holds, read once per database when a run starts (one query each), so a table of the
/// plan that is missing on the source becomes a Warning (code 50004, as in Business Central) instead of a failed copy.
/// </summary>
internal sealed class SourceTableCatalog
{
    private readonly Dictionary<string, HashSet<string>> tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="table"/> exists in <paramref name="sourceDatabase"/> (names compared case-insensitively, as SQL Server's default collation does).</summary>
    public async Task<bool> ExistsAsync(CmEndpoint sourceDatabase, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceDatabase);
        var key = sourceDatabase.DisplayString;
        if (!tables.TryGetValue(key, out var names))
        {
            names = await ReadAsync(sourceDatabase, cancellationToken).ConfigureAwait(false);
            tables[key] = names;
        }

        return names.Contains(table);
    }

    private static async Task<HashSet<string>> ReadAsync(CmEndpoint sourceDatabase, CancellationToken cancellationToken)
    {
        var provider = SqlProviders.For(sourceDatabase);
        await using var connection = await provider.OpenAsync(sourceDatabase, write: false, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = ReplicationDialects.For(provider.Dialect).ExistingTables;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, sourceDatabase);
        }
    }
}
