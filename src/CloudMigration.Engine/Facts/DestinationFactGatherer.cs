using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;

namespace CloudMigration.Engine.Facts;

/// <summary>
/// Gathers the facts of a Business Central destination over one connection: companies, installed
/// extensions, server and database facts, and the staging tables of the companies to migrate.
/// </summary>
internal sealed class DestinationFactGatherer
{
    /// <summary>Reads the destination through <c>connection</c>, an open connection to the tenant database; <c>tables</c> are the SQL names of the staging tables to read.</summary>
    public async Task<DestinationFacts> GatherAsync(DbConnection connection, CmEndpoint destination, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var provider = SqlProviders.For(destination);
        var bcCompanies = await CompanyDiscoveryService.ReadDestinationCompaniesAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);
        var extensions = await ExtensionDiscoveryService.ReadAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);
        var server = await FactReader.ReadServerAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);
        var database = await FactReader.ReadDatabaseAsync(connection, provider, destination, destination.Database, tables, cancellationToken).ConfigureAwait(false);
        return new DestinationFacts
        {
            Endpoint = destination,
            Server = server,
            Database = database,
            Extensions = extensions,
            Companies = bcCompanies,
        };
    }
}
