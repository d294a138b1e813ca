using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Products.BusinessCentral;

namespace CloudMigration.Engine.Discovery;

/// <summary>Lists the companies of a Dynamics SL source and of a Business Central destination.</summary>
public sealed class CompanyDiscoveryService
{
    private static readonly string[] SlCompanyColumns = ["Active", "CpnyID", "CpnyName", "DatabaseName"];
    private static readonly string[] BcCompanyColumns = ["Name", "Display Name", "$systemId"];

    public async Task<CompanyListing<SourceCompany>> GetSourceCompaniesAsync(CmEndpoint source, CompanyQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(query);
        var provider = SqlProviders.For(source);
        List<SlCompanyFacts> raw;
        await using (var connection = await provider.OpenAsync(source, write: false, cancellationToken).ConfigureAwait(false))
        {
            raw = await ReadSourceCompaniesAsync(connection, provider, source, cancellationToken).ConfigureAwait(false);
        }

        var (selected, unmatched) = CompanySelection.Select(raw, query);

        // One existence check per distinct application database, not per company.
        var found = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var database in selected.Select(r => r.ApplicationDatabase).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            found[database] = await provider.DatabaseExistsAsync(source, database, cancellationToken).ConfigureAwait(false);
        }

        var companies = selected.Select(r => new SourceCompany
        {
            CpnyID = r.Id,
            Name = r.Name,
            ApplicationDatabase = r.ApplicationDatabase,
            Active = r.Active,
            ApplicationDatabaseFound = found.GetValueOrDefault(r.ApplicationDatabase),
            Source = source,
        }).ToList();

        return new CompanyListing<SourceCompany>(companies, unmatched);
    }

    public async Task<CompanyListing<DestinationCompany>> GetDestinationCompaniesAsync(CmEndpoint destination, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var provider = SqlProviders.For(destination);
        await using var connection = await provider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false);
        var all = await ReadDestinationCompaniesAsync(connection, provider, destination, cancellationToken).ConfigureAwait(false);

        var patterns = names.Select(n => new NamePattern(n)).ToArray();
        var result = patterns.Length == 0 ? all : all.Where(c => patterns.Any(p => p.IsMatch(c.Name) || p.IsMatch(c.DisplayName))).ToList();
        return new CompanyListing<DestinationCompany>(result, NamePattern.Unmatched(names, all, c => [c.Name, c.DisplayName]));
    }

    /// <summary>Every row of the SL Company table, as stored (ids and names untrimmed), after checking it is an SL system database.</summary>
    internal static async Task<List<SlCompanyFacts>> ReadSourceCompaniesAsync(DbConnection connection, ISqlProvider provider, CmEndpoint source, CancellationToken cancellationToken)
    {
        await RequireSlSystemDatabaseAsync(connection, provider, source, cancellationToken).ConfigureAwait(false);
        try
        {
            return await connection.QueryAsync(provider.Dialect.Script("Discovery.SlCompanies"), r => new SlCompanyFacts
            {
                Active = !r.IsDBNull(0) && Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) != 0,
                RawId = r.IsDBNull(1) ? string.Empty : r.GetString(1),
                RawName = r.IsDBNull(2) ? string.Empty : r.GetString(2),
                ApplicationDatabase = r.IsDBNull(3) ? string.Empty : r.GetString(3).Trim(),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, source);
        }
    }

    /// <summary>Every company of a Business Central tenant database, after checking it is one.</summary>
    internal static async Task<List<DestinationCompany>> ReadDestinationCompaniesAsync(DbConnection connection, ISqlProvider provider, CmEndpoint destination, CancellationToken cancellationToken)
    {
        await BcDatabase.RequireTableAsync(connection, provider, destination, "Company", BcCompanyColumns, cancellationToken).ConfigureAwait(false);
        try
        {
            return await connection.QueryAsync(provider.Dialect.Script("Discovery.BcCompanies"), r =>
            {
                var name = r.GetString(0);
                return new DestinationCompany
                {
                    Name = name,
                    DisplayName = r.IsDBNull(1) ? string.Empty : r.GetString(1),
                    SystemId = r.IsDBNull(2) ? null : ReadGuid(r.GetValue(2)),
                    SqlName = BcNaming.SqlSafe(name),
                    Destination = destination,
                };
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    private static async Task RequireSlSystemDatabaseAsync(DbConnection connection, ISqlProvider provider, CmEndpoint source, CancellationToken cancellationToken)
    {
        HashSet<string> columns;
        try
        {
            columns = await DatabaseShape.ColumnsAsync(connection, provider.Dialect, "Company", cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, source);
        }

        if (columns.Count == 0)
        {
            throw new CmException(ErrorIds.NotAnSlSystemDatabase, CmErrorCategory.InvalidData,
                $"The database '{source.Database}' on '{source.Server}' has no Company table, so it is not a Dynamics SL system database.",
                "Point -Source at the Dynamics SL system database (the one with the Company, Registration and MCSetup tables), not an application database.",
                source);
        }

        var missing = SlCompanyColumns.Where(c => !columns.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            var looksLikeBc = columns.Contains("Name") && columns.Contains("Display Name");
            throw new CmException(ErrorIds.NotAnSlSystemDatabase, CmErrorCategory.InvalidData,
                $"The Company table of '{source.Database}' on '{source.Server}' lacks the Dynamics SL columns {string.Join(", ", missing)}" +
                (looksLikeBc ? "; it looks like a Business Central database." : "."),
                looksLikeBc
                    ? "This is a destination: pass it as -Destination, and give the Dynamics SL system database as -Source."
                    : "Point -Source at the Dynamics SL system database.",
                source);
        }
    }

    private static Guid? ReadGuid(object value) => value switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        byte[] { Length: 16 } b => new Guid(b),
        _ => null,
    };
}

/// <summary>What a company query found, and which exact names it did not find.</summary>
public sealed record CompanyListing<T>(IReadOnlyList<T> Companies, IReadOnlyList<string> UnmatchedNames);
