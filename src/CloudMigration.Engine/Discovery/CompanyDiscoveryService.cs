using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
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
        List<(bool Active, string Id, string Name, string Database)> rows;
        await using (var connection = await provider.OpenAsync(source, write: false, cancellationToken).ConfigureAwait(false))
        {
            await RequireSlSystemDatabaseAsync(connection, provider, source, cancellationToken).ConfigureAwait(false);
            try
            {
                rows = await connection.QueryAsync(provider.Dialect.Script("Discovery.SlCompanies"), r => (
                    Active: !r.IsDBNull(0) && Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) != 0,
                    Id: r.IsDBNull(1) ? string.Empty : r.GetString(1).Trim(),
                    Name: r.IsDBNull(2) ? string.Empty : r.GetString(2).TrimEnd(),
                    Database: r.IsDBNull(3) ? string.Empty : r.GetString(3).Trim()), cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                throw provider.Translate(ex, source);
            }
        }

        var patterns = query.Names.Select(n => new NamePattern(n)).ToArray();
        var matched = new bool[patterns.Length];
        var selected = new List<(bool Active, string Id, string Name, string Database)>();
        foreach (var row in rows)
        {
            var hit = patterns.Length == 0;
            for (var i = 0; i < patterns.Length; i++)
            {
                if (patterns[i].IsMatch(row.Id) || patterns[i].IsMatch(row.Name))
                {
                    hit = true;
                    matched[i] = true;
                }
            }

            if (hit && (row.Active || query.IncludeInactive || NamedExactly(patterns, row)))
            {
                selected.Add(row);
            }
        }

        // One existence check per distinct application database, not per company.
        var found = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var database in selected.Select(r => r.Database).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            found[database] = await provider.DatabaseExistsAsync(source, database, cancellationToken).ConfigureAwait(false);
        }

        var companies = selected.Select(r => new SourceCompany
        {
            CpnyID = r.Id,
            Name = r.Name,
            ApplicationDatabase = r.Database,
            Active = r.Active,
            ApplicationDatabaseFound = found.GetValueOrDefault(r.Database),
            Source = source,
        }).ToList();

        var unmatched = patterns.Where((p, i) => !matched[i] && !p.HasWildcards).Select(p => p.Pattern).ToList();
        return new CompanyListing<SourceCompany>(companies, unmatched);
    }

    public async Task<CompanyListing<DestinationCompany>> GetDestinationCompaniesAsync(CmEndpoint destination, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var provider = SqlProviders.For(destination);
        await using var connection = await provider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false);
        await BcDatabase.RequireTableAsync(connection, provider, destination, "Company", BcCompanyColumns, cancellationToken).ConfigureAwait(false);
        List<DestinationCompany> all;
        try
        {
            all = await connection.QueryAsync(provider.Dialect.Script("Discovery.BcCompanies"), r =>
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

        var patterns = names.Select(n => new NamePattern(n)).ToArray();
        var result = patterns.Length == 0 ? all : all.Where(c => patterns.Any(p => p.IsMatch(c.Name) || p.IsMatch(c.DisplayName))).ToList();
        return new CompanyListing<DestinationCompany>(result, NamePattern.Unmatched(names, all, c => [c.Name, c.DisplayName]));
    }

    private static bool NamedExactly(NamePattern[] patterns, (bool Active, string Id, string Name, string Database) row) =>
        patterns.Any(p => !p.HasWildcards && (p.IsMatch(row.Id) || p.IsMatch(row.Name)));

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
