using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Discovery;

/// <summary>Checks that a destination is a Business Central tenant database before reading it.</summary>
internal static class BcDatabase
{
    public static async Task RequireTableAsync(DbConnection connection, ISqlProvider provider, CmEndpoint destination, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        HashSet<string> found;
        try
        {
            found = await DatabaseShape.ColumnsAsync(connection, provider.Dialect, table, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }

        if (found.Count == 0)
        {
            throw new CmException(ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData,
                $"The database '{destination.Database}' on '{destination.Server}' has no '{table}' table, so it is not a Business Central tenant database.",
                "Point -Destination at the Business Central tenant database (the one with the Company and 'NAV App Installed App' tables).",
                destination);
        }

        var missing = columns.Where(c => !found.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            var looksLikeSl = found.Contains("CpnyID");
            throw new CmException(ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData,
                $"The '{table}' table of '{destination.Database}' lacks the Business Central columns {string.Join(", ", missing)}" +
                (looksLikeSl ? "; it looks like a Dynamics SL database." : "."),
                looksLikeSl ? "This is a source: pass it as -Source, and give the Business Central database as -Destination." : "Point -Destination at the Business Central tenant database.",
                destination);
        }
    }
}
