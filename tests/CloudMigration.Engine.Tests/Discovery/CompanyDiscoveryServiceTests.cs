using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Discovery;

public sealed class CompanyDiscoveryServiceTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    internal const string Sentinel = "S3ntinel-Pa55!";
    internal const string UnreachableServer = "Server=tcp:127.0.0.1,1;Database=x;User ID=u;Password=" + Sentinel + ";Connect Timeout=2";

    private readonly CompanyDiscoveryService service = new();

    private CmEndpoint Source => fixture.Sample.Source;

    private CmEndpoint Destination => fixture.Sample.Destination;

    private Task<CompanyListing<SourceCompany>> SourceAsync(params string[] names) =>
        service.GetSourceCompaniesAsync(Source, new CompanyQuery { Names = names }, CancellationToken.None);

    // ---- source companies ----

    [Fact]
    public async Task Active_companies_are_listed_by_default_with_trimmed_ids_and_names()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var listing = await SourceAsync();
        Assert.Equal(["0010", "0020", "0030"], listing.Companies.Select(c => c.CpnyID));
        Assert.Equal(["Contoso Manufacturing", "Fabrikam Services", "Northwind Traders"], listing.Companies.Select(c => c.Name));
        Assert.All(listing.Companies, c => Assert.True(c.Active));
        Assert.All(listing.Companies, c => Assert.Equal(c.CpnyID, c.Company));
        Assert.All(listing.Companies, c => Assert.Equal("DynamicsSL", c.Product));
        Assert.Empty(listing.UnmatchedNames);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task IncludeInactive_adds_the_inactive_company()
    {
        var listing = await service.GetSourceCompaniesAsync(Source, new CompanyQuery { IncludeInactive = true }, CancellationToken.None);
        Assert.Equal(["0010", "0020", "0030", "9990"], listing.Companies.Select(c => c.CpnyID));
        var inactive = Assert.Single(listing.Companies, c => !c.Active);
        Assert.Equal("9990", inactive.CpnyID);
        Assert.Equal("Closed Holdings (inactive)", inactive.Name);
    }

    [Theory]
    [InlineData("00*", new[] { "0010", "0020", "0030" })]
    [InlineData("*Fabrikam*", new[] { "0020" })]
    [InlineData("*fabrikam*", new[] { "0020" })]
    [InlineData("00?0", new[] { "0010", "0020", "0030" })]
    [InlineData("00[12]0", new[] { "0010", "0020" })]
    [InlineData("*Holdings*", new string[0])]
    [InlineData("9*", new string[0])]
    public async Task Wildcards_match_id_or_name_and_leave_inactive_companies_out(string pattern, string[] expected)
    {
        var listing = await SourceAsync(pattern);
        Assert.Equal(expected, listing.Companies.Select(c => c.CpnyID));
        Assert.Empty(listing.UnmatchedNames);
    }

    [Fact]
    public async Task Wildcard_with_IncludeInactive_returns_the_inactive_company()
    {
        var listing = await service.GetSourceCompaniesAsync(Source, new CompanyQuery { Names = ["*Holdings*"], IncludeInactive = true }, CancellationToken.None);
        Assert.Equal("9990", Assert.Single(listing.Companies).CpnyID);
    }

    [Theory]
    [InlineData("9990")]
    [InlineData("Closed Holdings (inactive)")]
    [InlineData("closed HOLDINGS (inactive)")]
    public async Task Exact_name_of_an_inactive_company_returns_it(string name)
    {
        var listing = await SourceAsync(name);
        var company = Assert.Single(listing.Companies);
        Assert.Equal("9990", company.CpnyID);
        Assert.False(company.Active);
        Assert.Empty(listing.UnmatchedNames);
    }

    [Fact]
    public async Task Exact_company_name_matches_as_well_as_the_id()
    {
        var listing = await SourceAsync("Northwind Traders", "0010");
        Assert.Equal(["0010", "0030"], listing.Companies.Select(c => c.CpnyID));
        Assert.Empty(listing.UnmatchedNames);
    }

    [Fact]
    public async Task Unmatched_exact_names_are_reported_and_wildcards_never()
    {
        var listing = await SourceAsync("0010", "Nope", "*nothing*", "9999", "Zz?");
        Assert.Equal("0010", Assert.Single(listing.Companies).CpnyID);
        Assert.Equal(["Nope", "9999"], listing.UnmatchedNames);
    }

    [Fact]
    public async Task Each_company_names_its_application_database_which_is_found_and_carries_the_source()
    {
        var listing = await service.GetSourceCompaniesAsync(Source, new CompanyQuery { IncludeInactive = true }, CancellationToken.None);
        Assert.Equal(["SLApp", "SLApp", "SLApp2", "SLApp"], listing.Companies.Select(c => c.ApplicationDatabase));
        Assert.All(listing.Companies, c => Assert.True(c.ApplicationDatabaseFound, c.CpnyID));
        Assert.All(listing.Companies, c => Assert.Same(Source, c.Source));
    }

    [Fact]
    public async Task Missing_application_database_is_reported_as_not_found()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        File.Delete(copy.PathOf("SLApp2"));
        var source = copy.Source;
        var listing = await service.GetSourceCompaniesAsync(source, new CompanyQuery(), CancellationToken.None);
        Assert.Equal([("0010", true), ("0020", true), ("0030", false)], listing.Companies.Select(c => (c.CpnyID, c.ApplicationDatabaseFound)));
        Assert.All(listing.Companies, c => Assert.Same(source, c.Source));
        Assert.False(File.Exists(copy.PathOf("SLApp2")));
    }

    // ---- destination companies ----

    [Fact]
    public async Task Destination_companies_are_listed_with_display_name_system_id_and_sql_name()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var listing = await service.GetDestinationCompaniesAsync(Destination, [], CancellationToken.None);
        Assert.Equal(["0010", "0020", "0030", "CRONUS USA, Inc."], listing.Companies.Select(c => c.Name));
        Assert.Equal(["Contoso Manufacturing", "Fabrikam Services", "Northwind Traders", "CRONUS USA, Inc."], listing.Companies.Select(c => c.DisplayName));
        // BC keeps '.' out of SQL names: CRONUS's tables are "CRONUS USA, Inc_$...".
        Assert.Equal(["0010", "0020", "0030", "CRONUS USA, Inc_"], listing.Companies.Select(c => c.SqlName));
        Assert.All(listing.Companies, c => Assert.NotNull(c.SystemId));
        Assert.Equal(4, listing.Companies.Select(c => c.SystemId).Distinct().Count());
        Assert.All(listing.Companies, c => Assert.Same(Destination, c.Destination));
        Assert.Empty(listing.UnmatchedNames);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Destination_names_match_name_or_display_name_and_report_unmatched_exact_names()
    {
        var listing = await service.GetDestinationCompaniesAsync(Destination, ["0010", "*Fabrikam*", "Nope", "Q*"], CancellationToken.None);
        Assert.Equal(["0010", "0020"], listing.Companies.Select(c => c.Name));
        Assert.Equal(["Nope"], listing.UnmatchedNames);
    }

    [Fact]
    public async Task Destination_company_with_dot_slash_backslash_and_quote_gets_a_sql_safe_name()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        const string Name = "Fabrikam Inc./West\\\"HQ\"";
        copy.Execute("BusinessCentral", $"""
            INSERT INTO Company ("timestamp", "Name", "Evaluation Company", "Display Name", "Business Profile Id",
                "$systemId", "$systemCreatedAt", "$systemCreatedBy", "$systemModifiedAt", "$systemModifiedBy")
            VALUES (X'00000000000000FF', '{Name}', 0, 'Fabrikam West', '',
                '0b5a4a0e-3c9e-4f43-9c4b-0d7a3a4f0001', '2024-01-01 00:00:00', '{Guid.Empty}', '2024-01-01 00:00:00', '{Guid.Empty}');
            """);
        var listing = await service.GetDestinationCompaniesAsync(copy.Destination, [Name], CancellationToken.None);
        var company = Assert.Single(listing.Companies);
        Assert.Equal(Name, company.Name);
        Assert.Equal("Fabrikam Inc__West__HQ_", company.SqlName);
        Assert.Equal(Guid.Parse("0b5a4a0e-3c9e-4f43-9c4b-0d7a3a4f0001"), company.SystemId);
        Assert.Empty(listing.UnmatchedNames);

        var byDisplayName = await service.GetDestinationCompaniesAsync(copy.Destination, ["Fabrikam West"], CancellationToken.None);
        Assert.Equal(Name, Assert.Single(byDisplayName.Companies).Name);
    }

    // ---- errors: wrong kind of database, missing or broken files, unreachable server ----

    [Fact]
    public async Task Source_pointed_at_the_business_central_database_says_it_looks_like_business_central()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetSourceCompaniesAsync(Destination, new CompanyQuery(), CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotAnSlSystemDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("looks like a Business Central database", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-Destination", ex.RecommendedAction, StringComparison.Ordinal);
        Assert.Same(Destination, ex.TargetObject);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Source_pointed_at_an_application_database_is_not_an_sl_system_database()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var appDb = Source.WithDatabase("SLApp");
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetSourceCompaniesAsync(appDb, new CompanyQuery(), CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotAnSlSystemDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("no Company table", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SLApp", ex.Message, StringComparison.Ordinal);
        Assert.Contains("system database", ex.RecommendedAction, StringComparison.Ordinal);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Destination_pointed_at_the_sl_system_database_is_not_a_business_central_database()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetDestinationCompaniesAsync(Source, [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("looks like a Dynamics SL database", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-Source", ex.RecommendedAction, StringComparison.Ordinal);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Destination_pointed_at_an_application_database_names_the_missing_company_table()
    {
        var before = FolderSnapshot.Take(fixture.Folder);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetDestinationCompaniesAsync(Source.WithDatabase("SLApp"), [], CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.NotABusinessCentralDatabase, CmErrorCategory.InvalidData);
        Assert.Contains("'Company'", ex.Message, StringComparison.Ordinal);
        before.AssertUnchanged(fixture.Folder);
    }

    [Fact]
    public async Task Missing_sqlite_file_is_DatabaseNotFound_and_no_file_gets_created()
    {
        using var empty = PrivateSample.Empty();
        var missing = empty.Endpoint("NoSuchSystem");
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetSourceCompaniesAsync(missing, new CompanyQuery(), CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.DatabaseNotFound, CmErrorCategory.ObjectNotFound);
        Assert.Contains("NoSuchSystem.db", ex.Message, StringComparison.Ordinal);

        var ex2 = await Assert.ThrowsAsync<CmException>(() => service.GetDestinationCompaniesAsync(missing, [], CancellationToken.None));
        CmAssert.Error(ex2, ErrorIds.DatabaseNotFound, CmErrorCategory.ObjectNotFound);
        Assert.Empty(Directory.GetFileSystemEntries(empty.Folder));
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_gives_a_clear_CmException_and_stays_untouched()
    {
        using var folder = PrivateSample.Empty();
        await File.WriteAllTextAsync(folder.PathOf("x"), "This is a text file, not a database.\nCpnyID,CpnyName\n0010,Contoso\n");
        var before = FolderSnapshot.Take(folder.Folder);
        var endpoint = folder.Endpoint("x");

        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetSourceCompaniesAsync(endpoint, new CompanyQuery(), CancellationToken.None));
        Assert.Equal(ErrorIds.NotASqliteDatabase, ex.ErrorId);
        Assert.Equal(CmErrorCategory.InvalidData, ex.Category);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        CmAssert.NoRawProviderException(ex);
        var inner = Assert.IsType<RedactedException>(ex.InnerException);
        Assert.Equal(26, inner.ProviderErrorNumber);

        var ex2 = await Assert.ThrowsAsync<CmException>(() => service.GetDestinationCompaniesAsync(endpoint, [], CancellationToken.None));
        Assert.Contains("not a SQLite database", ex2.Message, StringComparison.Ordinal);
        before.AssertUnchanged(folder.Folder);
    }

    [Fact]
    public async Task Unreachable_sql_server_is_ServerUnreachable_and_the_password_appears_nowhere()
    {
        var endpoint = CmEndpoint.Parse(UnreachableServer);
        var ex = await Assert.ThrowsAsync<CmException>(() => service.GetSourceCompaniesAsync(endpoint, new CompanyQuery(), CancellationToken.None));
        CmAssert.Error(ex, ErrorIds.ServerUnreachable, CmErrorCategory.ConnectionError);
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
        CmAssert.NoRawProviderException(ex);
        Assert.DoesNotContain(Sentinel, CmAssert.AllText(ex), StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, endpoint.ToString(), StringComparison.Ordinal);

        var ex2 = await Assert.ThrowsAsync<CmException>(() => service.GetDestinationCompaniesAsync(endpoint, [], CancellationToken.None));
        CmAssert.Error(ex2, ErrorIds.ServerUnreachable, CmErrorCategory.ConnectionError);
        Assert.DoesNotContain(Sentinel, CmAssert.AllText(ex2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_honoured_before_anything_is_read()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.GetSourceCompaniesAsync(Source, new CompanyQuery(), cts.Token));
    }
}
