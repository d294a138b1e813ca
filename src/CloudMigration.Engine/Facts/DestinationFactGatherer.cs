using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Facts;

/// <summary>
/// Gathers the facts of a Business Central destination over one connection: companies, installed
/// extensions, server and database facts, and the staging tables of the companies to migrate.
/// </summary>
internal sealed class DestinationFactGatherer(SlCatalog catalog)
{
    /// <summary>Reads the destination through <c>connection</c>, an open connection to the tenant database; <c>companies</c> are the BC company names to read staging tables for.</summary>
    public async Task<DestinationFacts> GatherAsync(DbConnection connection, CmEndpoint destination, IEnumerable<string> companies, CancellationToken cancellationToken)
    {
        var provider = SqlProviders.For(destination);
        var bcCompanies = await CompanyDiscoveryService.ReadDestinationCompaniesAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);
        var extensions = await ExtensionDiscoveryService.ReadAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);
        var server = await FactReader.ReadServerAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);
        var tables = companies.SelectMany(c => catalog.Tables.Select(t => StagingTable(c, t)));
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

    /// <summary>The SQL name of a company's staging table for an SL table.</summary>
    public string StagingTable(string company, SlTable table) => BcNaming.CompanyTable(company, table.BcTable, catalog.App.Id);
}
