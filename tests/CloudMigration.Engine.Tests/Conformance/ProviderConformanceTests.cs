using System.Data;
using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Tests.Conformance;

/// <summary>
/// The databases a provider is tested against. Source and Destination hold the same data on every
/// provider: SL companies 0010, 0020, 0030 (active) and 9990 (inactive); BC companies 0010, 0020, 0030 and
/// 'CRONUS USA, Inc.'; the four extensions of the sample. Scratch is an empty database the tests may write to.
/// </summary>
public sealed record ConformanceEndpoints(
    CmEndpoint Source,
    CmEndpoint Destination,
    CmEndpoint Scratch,
    IReadOnlyDictionary<string, string> ApplicationDatabases);

/// <summary>
/// What every <see cref="ISqlProvider"/> must do. A provider's test class derives from this and says how to
/// get its endpoints. Tests are [SkippableFact] so that a provider whose server is not configured reports
/// its tests as skipped, not passed.
/// </summary>
public abstract class ProviderConformanceTests
{
    public static TheoryData<string> HostileNames =>
    [
        "x];DROP TABLE y--",
        "x\";DROP TABLE y--",
        "x'; DROP TABLE y; --",
        "[x]",
        "\"x\"",
        "x]]\"\"",
    ];

    /// <summary>"SqlServer" or "Sqlite": the dialect the provider under test must have.</summary>
    protected abstract string ExpectedDialect { get; }

    /// <summary>Skips the test (Skip.If) when the provider's environment is not there. Runs before every test.</summary>
    protected virtual void SkipUnlessAvailable()
    {
    }

    protected abstract Task<ConformanceEndpoints> GetEndpointsAsync();

    private async Task<ConformanceEndpoints> SetUpAsync()
    {
        SkipUnlessAvailable();
        var endpoints = await GetEndpointsAsync();
        Assert.Equal(ExpectedDialect, SqlProviders.For(endpoints.Source).Dialect.Name);
        return endpoints;
    }

    [SkippableFact]
    public async Task Opens_read_only_and_reads()
    {
        var e = await SetUpAsync();
        var provider = SqlProviders.For(e.Source);
        var q = provider.Dialect.QuoteIdentifier;
        await using var connection = await provider.OpenAsync(e.Source, write: false, CancellationToken.None);
        Assert.Equal(ConnectionState.Open, connection.State);
        var ids = await connection.QueryAsync($"SELECT {q("CpnyID")} FROM {q("Company")} ORDER BY {q("CpnyID")}", r => r.GetString(0).Trim(), CancellationToken.None);
        Assert.Equal(["0010", "0020", "0030", "9990"], ids);
    }

    [SkippableFact]
    public async Task DatabaseExistsAsync_is_true_for_existing_databases_and_false_for_a_missing_one()
    {
        var e = await SetUpAsync();
        var provider = SqlProviders.For(e.Source);
        foreach (var database in e.ApplicationDatabases.Values.Append(e.Destination.Database).Append(e.Source.Database).Distinct())
        {
            Assert.True(await provider.DatabaseExistsAsync(e.Source, database, CancellationToken.None), database);
        }

        var missing = "cm_missing_" + Guid.NewGuid().ToString("N")[..8];
        Assert.False(await provider.DatabaseExistsAsync(e.Source, missing, CancellationToken.None));
        Assert.False(await provider.DatabaseExistsAsync(e.Source, missing, CancellationToken.None), "Asking must not create the database.");
    }

    [SkippableTheory]
    [MemberData(nameof(HostileNames))]
    public async Task QuoteIdentifier_makes_an_injection_shaped_name_a_plain_name(string name)
    {
        var e = await SetUpAsync();
        var provider = SqlProviders.For(e.Scratch);
        var dialect = provider.Dialect;
        var q = dialect.QuoteIdentifier;
        await using var connection = await provider.OpenAsync(e.Scratch, write: true, CancellationToken.None);

        // The canary the name tries to drop.
        var canary = new TableSchema("y", [new ColumnSchema("id", "int")], ["id"]);
        if ((await DatabaseShape.ColumnsAsync(connection, dialect, "y", CancellationToken.None)).Count == 0)
        {
            await ExecuteAsync(connection, SchemaScripts.CreateTable(dialect, canary));
            await ExecuteAsync(connection, SchemaScripts.Insert(dialect, canary), 42);
        }

        var canaryRows = await CountAsync(connection, $"SELECT COUNT(*) FROM {q("y")}");
        Assert.True(canaryRows > 0);

        // A table and a key column with the hostile name, plus an ordinary column.
        var table = new TableSchema(name, [new ColumnSchema(name, "int"), new ColumnSchema("v", "nvarchar(50)")], [name]);
        Assert.Empty(await DatabaseShape.ColumnsAsync(connection, dialect, name, CancellationToken.None));
        await ExecuteAsync(connection, SchemaScripts.CreateTable(dialect, table));
        await ExecuteAsync(connection, SchemaScripts.Insert(dialect, table), 7, "plain value");

        // The table exists under exactly that name, with exactly those columns ...
        var columns = await DatabaseShape.ColumnsAsync(connection, dialect, name, CancellationToken.None);
        Assert.Equal(new[] { name, "v" }.Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        Assert.Empty(await DatabaseShape.ColumnsAsync(connection, dialect, "x", CancellationToken.None));

        // ... reads back ...
        var rows = await connection.QueryAsync($"SELECT {q(name)}, {q("v")} FROM {q(name)}",
            r => (Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1)), CancellationToken.None);
        Assert.Equal([(7, "plain value")], rows);

        // ... and nothing else ran: the canary is still there with its rows.
        Assert.Equal(canaryRows, await CountAsync(connection, $"SELECT COUNT(*) FROM {q("y")}"));
    }

    [SkippableFact]
    public async Task Source_companies_are_read_through_the_discovery_service()
    {
        var e = await SetUpAsync();
        var service = new CompanyDiscoveryService();
        var active = await service.GetSourceCompaniesAsync(e.Source, new CompanyQuery(), CancellationToken.None);
        Assert.Equal(["0010", "0020", "0030"], active.Companies.Select(c => c.CpnyID));
        Assert.Equal(["Contoso Manufacturing", "Fabrikam Services", "Northwind Traders"], active.Companies.Select(c => c.Name));

        var all = await service.GetSourceCompaniesAsync(e.Source, new CompanyQuery { IncludeInactive = true, Names = ["*", "Nope"] }, CancellationToken.None);
        Assert.Equal(["0010", "0020", "0030", "9990"], all.Companies.Select(c => c.CpnyID));
        Assert.Equal([true, true, true, false], all.Companies.Select(c => c.Active));
        Assert.Equal(["Nope"], all.UnmatchedNames);
        Assert.All(all.Companies, c =>
        {
            Assert.Equal(e.ApplicationDatabases[c.CpnyID], c.ApplicationDatabase);
            Assert.True(c.ApplicationDatabaseFound, c.CpnyID);
            Assert.Same(e.Source, c.Source);
        });
    }

    [SkippableFact]
    public async Task Destination_companies_are_read_through_the_discovery_service()
    {
        var e = await SetUpAsync();
        var listing = await new CompanyDiscoveryService().GetDestinationCompaniesAsync(e.Destination, [], CancellationToken.None);
        Assert.Equal(["0010", "0020", "0030", "CRONUS USA, Inc."], listing.Companies.Select(c => c.Name));
        Assert.Equal("Contoso Manufacturing", listing.Companies[0].DisplayName);
        Assert.Equal("CRONUS USA, Inc_", listing.Companies[3].SqlName);
        Assert.All(listing.Companies, c => Assert.NotNull(c.SystemId));
        Assert.Equal(4, listing.Companies.Select(c => c.SystemId).Distinct().Count());
    }

    [SkippableFact]
    public async Task Extensions_are_read_through_the_discovery_service()
    {
        var e = await SetUpAsync();
        var extensions = await new ExtensionDiscoveryService().GetInstalledExtensionsAsync(e.Destination, [], CancellationToken.None);
        Assert.Equal(["Base Application", "Dynamics SL Migration", "Intelligent Cloud Base", "System Application"], extensions.Select(x => x.Name));
        var migration = Assert.Single(extensions, x => x.IsMigrationExtension);
        Assert.Equal(SlCatalog.Default.App.Id, migration.AppId);
        Assert.Equal(SlCatalog.Default.App.Version, migration.Version);
        Assert.Equal("Microsoft", migration.Publisher);
    }

    [SkippableFact]
    public async Task Wrong_kind_of_database_is_reported_the_same_way()
    {
        var e = await SetUpAsync();
        var service = new CompanyDiscoveryService();
        var notSl = await Assert.ThrowsAsync<CmException>(() => service.GetSourceCompaniesAsync(e.Destination, new CompanyQuery(), CancellationToken.None));
        Assert.Equal(ErrorIds.NotAnSlSystemDatabase, notSl.ErrorId);
        Assert.Contains("looks like a Business Central database", notSl.Message, StringComparison.Ordinal);
        var notBc = await Assert.ThrowsAsync<CmException>(() => new ExtensionDiscoveryService().GetInstalledExtensionsAsync(e.Source, [], CancellationToken.None));
        Assert.Equal(ErrorIds.NotABusinessCentralDatabase, notBc.ErrorId);
        Assert.Contains("'NAV App Installed App'", notBc.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Missing_database_becomes_a_CmException()
    {
        var e = await SetUpAsync();
        var provider = SqlProviders.For(e.Source);
        var name = "cm_missing_" + Guid.NewGuid().ToString("N")[..8];
        var missing = e.Source.WithDatabase(name);

        var ex = await Assert.ThrowsAsync<CmException>(() => provider.OpenAsync(missing, write: false, CancellationToken.None));
        Assert.Equal(ErrorIds.DatabaseNotFound, ex.ErrorId);
        Assert.Equal(CmErrorCategory.ObjectNotFound, ex.Category);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));

        var viaDiscovery = await Assert.ThrowsAsync<CmException>(() => new CompanyDiscoveryService().GetSourceCompaniesAsync(missing, new CompanyQuery(), CancellationToken.None));
        Assert.Equal(ErrorIds.DatabaseNotFound, viaDiscovery.ErrorId);
        Assert.False(await provider.DatabaseExistsAsync(e.Source, name, CancellationToken.None), "Opening a missing database must not create it.");
    }

    [SkippableFact]
    public async Task Compatibility_test_runs_end_to_end_and_judges_what_both_providers_share()
    {
        // Only facts that hold on the SQLite sample and on the minimal SQL Server fixture (no getVersion,
        // an empty application database, no staging tables, any login) are asserted here.
        var e = await SetUpAsync();
        var isSqlServer = ExpectedDialect == "SqlServer";
        var report = await new CompatibilityService().TestAsync(e.Source, e.Destination, new CompatibilityOptions(), null, CancellationToken.None);

        Assert.Empty(report.ConnectionErrors);
        Assert.Empty(report.UnmatchedCompanies);
        Assert.All(report.Results, r => Assert.False(string.IsNullOrWhiteSpace(r.Message), $"{r.Check} {r.Target} has no message."));
        Assert.All(report.Results, r => Assert.False(string.IsNullOrWhiteSpace(r.Target), $"{r.Check} has no target."));

        // Both sides were reached; SQL Server may add a hint (not TCP, Windows authentication) as a warning.
        var connectivity = report.Results.Where(r => r.Check == "Connectivity").ToList();
        Assert.Equal([CompatibilityTargetType.Source, CompatibilityTargetType.Destination], connectivity.Select(r => r.TargetType));
        Assert.All(connectivity, r => Assert.True(
            r.Status == CompatibilityStatus.Passed || (isSqlServer && r.Status == CompatibilityStatus.Warning),
            $"Connectivity {r.Target}: {r.Status} {r.Message}"));

        string[] active = ["0010", "0020", "0030"];
        foreach (var check in new[] { "CompanyName", "ApplicationDatabase", "DestinationCompany" })
        {
            var results = report.Results.Where(r => r.Check == check).ToList();
            Assert.Equal(active, results.Select(r => r.Target));
            Assert.All(results, r => Assert.True(r.Status == CompatibilityStatus.Passed, $"{check} {r.Target}: {r.Status} {r.Message}"));
        }

        var extension = Assert.Single(report.Results, r => r.Check == "MigrationExtension");
        Assert.Equal(CompatibilityStatus.Passed, extension.Status);
        Assert.Equal("3 selected companies", Assert.Single(report.Results, r => r.Check == "CompanyCount").Target);

        var version = Assert.Single(report.Results, r => r.Check == "SqlServerVersion");
        var levels = report.Results.Where(r => r.Check == "CompatibilityLevel").ToList();
        if (isSqlServer)
        {
            Assert.NotEqual(CompatibilityStatus.NotApplicable, version.Status);

            // One result per source database read: the system database, then each application database once.
            var databases = active.Select(c => e.ApplicationDatabases[c])
                .Where(d => !string.Equals(d, e.Source.Database, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase)
                .Prepend(e.Source.Database);
            Assert.Equal(databases, levels.Select(r => r.Target));
            Assert.All(levels, r => Assert.Equal(CompatibilityTargetType.Database, r.TargetType));
        }
        else
        {
            Assert.Equal(CompatibilityStatus.NotApplicable, version.Status);
            Assert.Equal(CompatibilityStatus.NotApplicable, Assert.Single(levels).Status);
        }
    }

    [SkippableFact]
    public async Task Translate_turns_a_raw_provider_error_into_a_CmException()
    {
        var e = await SetUpAsync();
        var provider = SqlProviders.For(e.Source);
        await using var connection = await provider.OpenAsync(e.Source, write: false, CancellationToken.None);
        var raw = await Assert.ThrowsAnyAsync<DbException>(() =>
            connection.QueryAsync($"SELECT * FROM {provider.Dialect.QuoteIdentifier("cm_no_such_table")}", r => r.GetValue(0), CancellationToken.None));

        var translated = provider.Translate(raw, e.Source);
        Assert.Equal(ErrorIds.ProviderError, translated.ErrorId);
        Assert.Contains("cm_no_such_table", translated.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(translated.RecommendedAction));
        var inner = Assert.IsType<RedactedException>(translated.InnerException);
        Assert.Equal(raw.GetType().FullName, inner.OriginalType);
        Assert.NotNull(inner.ProviderErrorNumber);

        // A CmException passes through unchanged; anything else still becomes one.
        Assert.Same(translated, provider.Translate(translated, e.Source));
        var other = provider.Translate(new InvalidOperationException("boom"), e.Source);
        Assert.IsType<CmException>(other);
        Assert.False(string.IsNullOrWhiteSpace(other.ErrorId));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params object?[] values)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.AddParameter("@p" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
