using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Discovery;

/// <summary>Lists the extensions installed in a Business Central tenant database.</summary>
public sealed class ExtensionDiscoveryService
{
    private const string InstalledAppTable = "NAV App Installed App";
    private static readonly string[] Columns = ["App ID", "Name", "Publisher", "Version Major", "Version Minor", "Version Build", "Version Revision"];

    public async Task<IReadOnlyList<InstalledExtension>> GetInstalledExtensionsAsync(CmEndpoint destination, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var provider = SqlProviders.For(destination);
        await using var connection = await provider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false);
        var all = await ReadAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);
        var patterns = names.Select(n => new NamePattern(n)).ToArray();
        return patterns.Length == 0 ? all : all.Where(e => patterns.Any(p => p.IsMatch(e.Name) || p.IsMatch(e.AppId.ToString()))).ToList();
    }

    /// <summary>Every installed extension, after checking the database is a Business Central tenant database.</summary>
    internal static async Task<List<InstalledExtension>> ReadAsync(DbConnection connection, ISqlProvider provider, CmEndpoint destination, CancellationToken cancellationToken)
    {
        await BcDatabase.RequireTableAsync(connection, provider, destination, InstalledAppTable, Columns, cancellationToken).ConfigureAwait(false);
        var migrationAppId = SlCatalog.Default.App.Id;
        try
        {
            return await connection.QueryAsync(provider.Dialect.Script("Discovery.BcExtensions"), r =>
            {
                var appId = r.GetValue(0) is Guid g ? g : Guid.Parse(Convert.ToString(r.GetValue(0), CultureInfo.InvariantCulture)!);
                return new InstalledExtension
                {
                    AppId = appId,
                    Name = r.GetString(1),
                    Publisher = r.GetString(2),
                    Version = new Version(Int(r, 3), Int(r, 4), Int(r, 5), Int(r, 6)),
                    IsMigrationExtension = appId == migrationAppId,
                    Destination = destination,
                };
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
        catch (FormatException ex)
        {
            throw new CmException(ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData,
                $"The '{InstalledAppTable}' table of '{destination.Database}' holds an app id that is not a GUID: {ex.Message}",
                "Check that -Destination is a Business Central tenant database.", destination, ex);
        }
    }

    private static int Int(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
