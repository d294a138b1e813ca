using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Facts;

/// <summary>
/// Gathers the facts of a Dynamics SL source: one connection to the system database (companies, server,
/// version) and one per application database of the selected companies (tables, change tracking, sizes,
/// flexkey segments, large values). Read-only throughout.
/// </summary>
internal sealed class SourceFactGatherer(IReadOnlyList<string> tables, bool countRows = false)
{
    private const string SegmentTable = "FlexDef";
    private const string CompanyColumn = "CpnyID";

    /// <summary>Tables counted by one query: SQLite refuses a compound SELECT of more than 500 terms.</summary>
    private const int CountBatch = 200;

    /// <summary>Gathers facts about the mapped tables of a catalog.</summary>
    public SourceFactGatherer(SlCatalog catalog)
        : this(catalog.Tables.Select(t => t.Name).ToArray())
    {
    }

    public sealed record Result(SourceFacts Facts, IReadOnlyList<SlCompanyFacts> Selected, IReadOnlyList<string> UnmatchedCompanies);

    /// <summary>Reads the source through <c>connection</c>, an open connection to the system database.</summary>
    public async Task<Result> GatherAsync(DbConnection connection, CmEndpoint source, CompanyQuery query, Action<string> status, CancellationToken cancellationToken)
    {
        var provider = SqlProviders.For(source);
        status("Reading the Dynamics SL companies");
        var companies = await CompanyDiscoveryService.ReadSourceCompaniesAsync(connection, provider, source, cancellationToken).ConfigureAwait(false);
        var server = await FactReader.ReadServerAsync(connection, provider, source, cancellationToken).ConfigureAwait(false);
        var system = await FactReader.ReadDatabaseAsync(connection, provider, source, source.Database, [], cancellationToken).ConfigureAwait(false);
        var (slMajor, slText) = await ReadSlVersionAsync(connection, provider, source, cancellationToken).ConfigureAwait(false);
        var (selected, unmatched) = CompanySelection.Select(companies, query);

        var databases = new Dictionary<string, DatabaseFacts>(StringComparer.OrdinalIgnoreCase);
        var problems = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in selected.Select(c => c.ApplicationDatabase).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            cancellationToken.ThrowIfCancellationRequested();
            status("Reading the application database " + name);
            try
            {
                if (!await provider.DatabaseExistsAsync(source, name, cancellationToken).ConfigureAwait(false))
                {
                    problems[name] = $"The application database '{name}' does not exist on '{source.Server}'.";
                    continue;
                }

                var endpoint = source.WithDatabase(name);
                await using var app = await provider.OpenAsync(endpoint, write: false, cancellationToken).ConfigureAwait(false);
                var database = await FactReader.ReadDatabaseAsync(app, provider, endpoint, name, tables, cancellationToken).ConfigureAwait(false);
                database = await MeasureLargeValuesAsync(app, provider, endpoint, database, cancellationToken).ConfigureAwait(false);
                if (countRows)
                {
                    database = await CountRowsAsync(app, provider, endpoint, database, cancellationToken).ConfigureAwait(false);
                }

                databases[name] = database;
                if (database.Table(SegmentTable) is not null && await ReadSubaccountSegmentsAsync(app, provider, endpoint, cancellationToken).ConfigureAwait(false) is { } count)
                {
                    segments[name] = count;
                }
            }
            catch (Errors.CmException ex)
            {
                problems[name] = ex.Message;
            }
        }

        var facts = new SourceFacts
        {
            Endpoint = source,
            Server = server,
            SystemDatabase = system,
            ApplicationDatabases = databases,
            ApplicationDatabaseProblems = problems,
            Companies = companies,
            SlMajorVersion = slMajor,
            SlVersionText = slText,
            SubaccountSegments = segments,
        };
        return new Result(facts, selected, unmatched);
    }

    private static async Task<(int? Major, string? Text)> ReadSlVersionAsync(DbConnection connection, ISqlProvider provider, CmEndpoint source, CancellationToken cancellationToken)
    {
        var has = await FactReader.Translate(provider, source, () => connection.QueryAsync(provider.Dialect.Script("Facts.SlSystem"),
            r => FactReader.Bool(r, 0) ?? false, cancellationToken)).ConfigureAwait(false);
        if (!has.SingleOrDefault())
        {
            return (null, null);
        }

        var rows = await FactReader.Translate(provider, source, () => connection.QueryAsync(provider.Dialect.Script("Facts.SlVersion"), r =>
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < r.FieldCount; i++)
            {
                row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
            }

            return (IReadOnlyDictionary<string, object?>)row;
        }, cancellationToken)).ConfigureAwait(false);
        return rows.Count == 0 ? (null, null) : (SlVersionParser.MajorVersion(rows[0]), SlVersionParser.Describe(rows[0]));
    }

    private static async Task<int?> ReadSubaccountSegmentsAsync(DbConnection connection, ISqlProvider provider, CmEndpoint endpoint, CancellationToken cancellationToken)
    {
        var rows = await FactReader.Translate(provider, endpoint, () => connection.QueryAsync(provider.Dialect.Script("Facts.SlSegments"),
            r => (Class: FactReader.Text(r, 0) ?? string.Empty, Segments: FactReader.Int(r, 1)), cancellationToken)).ConfigureAwait(false);
        return rows.FirstOrDefault(r => string.Equals(r.Class.Trim(), "SUBACCOUNT", StringComparison.OrdinalIgnoreCase)).Segments;
    }

    /// <summary>
    /// Counts rows per company (tables with CpnyID) or in all, one query per 200 tables, where the provider reported no
    /// row counts (SQLite). SQL Server's catalog counts are kept as they are.
    /// </summary>
    private static async Task<DatabaseFacts> CountRowsAsync(DbConnection connection, ISqlProvider provider, CmEndpoint endpoint, DatabaseFacts facts, CancellationToken cancellationToken)
    {
        var uncounted = facts.Tables.Values.Where(t => t.RowCount is null).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        if (uncounted.Length == 0)
        {
            return facts;
        }

        var list = uncounted.Select(t => (t.Name, t.Column(CompanyColumn)?.Name)).ToArray();
        var rows = new List<(int Index, string Company, long Rows)>();
        for (var start = 0; start < list.Length; start += CountBatch)
        {
            var batch = list[start..Math.Min(list.Length, start + CountBatch)];
            var offset = start;
            rows.AddRange(await FactReader.Translate(provider, endpoint, () => connection.QueryAsync(RowCountQuery.Build(provider.Dialect, batch),
                r => (Index: FactReader.Int(r, 0) is { } i ? offset + i : -1, Company: FactReader.Text(r, 1)?.Trim() ?? string.Empty, Rows: FactReader.Long(r, 2) ?? 0), cancellationToken)).ConfigureAwait(false));
        }

        var tables = new Dictionary<string, TableFacts>(facts.Tables, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < uncounted.Length; i++)
        {
            var counts = rows.Where(r => r.Index == i).GroupBy(r => r.Company, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Rows), StringComparer.OrdinalIgnoreCase);
            tables[uncounted[i].Name] = uncounted[i] with { RowCount = counts.Values.Sum(), RowsByCompany = counts };
        }

        return facts with { Tables = tables };
    }

    /// <summary>Measures every large-value column of the mapped tables in one query (none in a standard SL database).</summary>
    private static async Task<DatabaseFacts> MeasureLargeValuesAsync(DbConnection connection, ISqlProvider provider, CmEndpoint endpoint, DatabaseFacts facts, CancellationToken cancellationToken)
    {
        var columns = facts.Tables.Values
            .SelectMany(t => t.Schema.Columns.Where(c => SqlType.Parse(c.SqlType).IsLargeValue).Select(c => (Table: t.Name, Column: c.Name)))
            .ToArray();
        if (columns.Length == 0)
        {
            return facts;
        }

        var sql = LargeValueQuery.Build(provider.Dialect, columns);
        var row = await FactReader.Translate(provider, endpoint, () => connection.QueryAsync(sql,
            r => Enumerable.Range(0, columns.Length).Select(i => FactReader.Long(r, i)).ToArray(), cancellationToken)).ConfigureAwait(false);
        var tables = facts.Tables.ToDictionary(kv => kv.Key, kv =>
        {
            var largest = columns.Select((c, i) => (c, Size: row[0][i])).Where(x => x.c.Table == kv.Key && x.Size is not null)
                .ToDictionary(x => x.c.Column, x => x.Size!.Value, StringComparer.OrdinalIgnoreCase);
            return largest.Count == 0 ? kv.Value : kv.Value with { LargestValues = largest };
        }, StringComparer.OrdinalIgnoreCase);
        return facts with { Tables = tables };
    }
}
