using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sample;
using CloudMigration.Engine.Sql;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;
using static CloudMigration.Engine.Compatibility.CompatibilityStatus;

namespace CloudMigration.Engine.Tests.Compatibility.Integration;

/// <summary>
/// Each test breaks exactly one thing in a private copy of the sample with SQL, runs the whole
/// compatibility test, and asserts the one finding (check, target, status, code) and that every other
/// check still passes. The shared sample is never touched.
/// </summary>
public sealed class CompatibilityProvocationTests(SampleFixture fixture) : IClassFixture<SampleFixture>, IDisposable
{
    private const string SlSystem = SampleEnvironmentBuilder.SystemDatabase;
    private const string Bc = SampleEnvironmentBuilder.DestinationDatabase;

    private readonly PrivateSample copy = PrivateSample.CopyOf(fixture.Folder);

    private static int TablesPerCompany => SlCatalog.Default.Tables.Count;

    public void Dispose() => copy.Dispose();

    private Task<CompatibilityReport> RunAsync(params string[] companies) => Integration.RunAsync(copy.Source, copy.Destination, companies);

    private int Execute(string database, string sql) => Integration.Execute(copy, database, sql);

    private static string Q(string name) => SqliteDialect.Instance.QuoteIdentifier(name);

    private void RenameSlCompany(string from, string to) =>
        Assert.Equal(1, Execute(SlSystem, $"UPDATE Company SET CpnyID = '{to.PadRight(10)}' WHERE RTRIM(CpnyID) = '{from}';"));

    private void AddBcCompany(string name) =>
        Assert.Equal(1, Execute(Bc,
            "INSERT INTO \"Company\" (\"timestamp\", \"Name\", \"Evaluation Company\", \"Display Name\", \"Business Profile Id\", " +
            "\"$systemId\", \"$systemCreatedAt\", \"$systemCreatedBy\", \"$systemModifiedAt\", \"$systemModifiedBy\") " +
            $"VALUES (x'00000000000000FF', '{name}', 0, 'Clash {name}', '', '{Guid.NewGuid():D}', '2024-01-01 00:00:00', '{Guid.Empty:D}', '2024-01-01 00:00:00', '{Guid.Empty:D}');"));

    /// <summary>Drops a company's staging table and creates it again with changed columns or key (SQLite cannot alter a column).</summary>
    private void RecreateStagingTable(string company, string slTable, Func<ColumnSchema, ColumnSchema> column, IReadOnlyList<string>? primaryKey = null)
    {
        var table = Integration.Table(slTable);
        var name = Integration.StagingTable(company, slTable);
        var schema = SampleEnvironmentBuilder.BcSchema(name, table.Fields.Select(f => column(new ColumnSchema(f.Name, f.BcSqlType))).ToArray(), primaryKey ?? table.PrimaryKey);
        Execute(Bc, $"DROP TABLE {Q(name)}; " + SchemaScripts.CreateTable(SqliteDialect.Instance, schema));
    }

    private void SetExtensionMajor(int major) =>
        Assert.Equal(1, Execute(Bc, $"UPDATE \"NAV App Installed App\" SET \"Version Major\" = {major} WHERE \"App ID\" = '{Integration.MigrationAppId}';"));

    // ---- source companies ----

    [Fact]
    public async Task A_company_id_with_a_bracket_fails_CompanyName_50021_and_nothing_else()
    {
        RenameSlCompany("0010", "00[1");
        var report = await RunAsync();

        var name = report.One("CompanyName", "00[1").Is(Failed, 50021);
        Assert.Equal(CompatibilityTargetType.Company, name.TargetType);
        Assert.Equal("00[1", name.Company);
        Assert.Contains("'['", name.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(name.RecommendedAction));

        // The destination has no company '00[1': setup creates it, so there is nothing to align with yet.
        Assert.Contains("setup creates it", report.One("DestinationCompany", "00[1").Is(Passed, null).Message, StringComparison.Ordinal);
        var alignment = report.One("SchemaAlignment", "00[1");
        Assert.Equal(NotApplicable, alignment.Status);
        Assert.False(string.IsNullOrWhiteSpace(alignment.Message));
        Assert.DoesNotContain(report.Of("SchemaAlignment"), r => r.Company == "00[1" && r.TargetType == CompatibilityTargetType.Table);

        report.AssertProblemsAre(("CompanyName", "00[1"));
        report.One("CompanyName", "0020").Is(Passed, null);
        report.One("SourceTable", "00[1").Is(Passed, null);
        Assert.Equal(2 * TablesPerCompany, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        Assert.False(report.Ready);
    }

    [Fact]
    public async Task A_control_character_in_a_company_id_is_reported_printably()
    {
        RenameSlCompany("0020", "00\t2");
        var report = await RunAsync();

        // The message shows the control character escaped; Target and Company keep the raw id, as in every rule.
        var name = report.One("CompanyName", "00\t2").Is(Failed, 50021);
        Assert.Contains("control characters", name.Message, StringComparison.Ordinal);
        Assert.Contains("00\\u00092", name.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\t", name.Message, StringComparison.Ordinal);
        Assert.Equal("00\t2", name.Company);
        report.AssertProblemsAre(("CompanyName", "00\t2"));
    }

    [Fact]
    public async Task Ten_subaccount_segments_fail_the_companies_of_that_application_database_only()
    {
        Assert.Equal(1, Execute(Integration.MainApp, "UPDATE FlexDef SET NumberSegments = 10 WHERE RTRIM(FieldClassName) = 'SUBACCOUNT';"));
        var report = await RunAsync();

        foreach (var company in new[] { "0010", "0020" })
        {
            var result = report.One("SubaccountSegments", company).Is(Failed, null);
            Assert.Equal(company, result.Company);
            Assert.Contains("10 sub-account segments", result.Message, StringComparison.Ordinal);
        }

        Assert.Equal("4 sub-account segments.", report.One("SubaccountSegments", "0030").Is(Passed, null).Message);
        report.AssertProblemsAre(("SubaccountSegments", "0010"), ("SubaccountSegments", "0020"));
    }

    [Fact]
    public async Task A_missing_subaccount_definition_warns()
    {
        Assert.Equal(1, Execute(Integration.SecondApp, "DELETE FROM FlexDef WHERE RTRIM(FieldClassName) = 'SUBACCOUNT';"));
        var report = await RunAsync();

        Assert.Contains(Integration.SecondApp, report.One("SubaccountSegments", "0030").Is(Warning, null).Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("SubaccountSegments", "0030"));
    }

    [Fact]
    public async Task Three_hundred_and_one_companies_warn_on_CompanyCount_without_a_code()
    {
        Assert.Equal(298, Execute(SlSystem,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 298) " +
            "INSERT INTO Company (Active, CpnyID, CpnyName, DatabaseName, Addr1, City, Country, tstamp) " +
            "SELECT 1, printf('%-10s', 'C' || printf('%03d', i)), printf('%-30s', 'Company ' || i), printf('%-30s', 'SLApp'), " +
            "printf('%-60s', ''), printf('%-30s', ''), 'USA', randomblob(8) FROM n;"));
        var report = await RunAsync();

        var count = report.One("CompanyCount", "301 selected companies").Is(Warning, null);
        Assert.Equal(CompatibilityTargetType.Selection, count.TargetType);
        Assert.StartsWith("301 companies are selected", count.Message, StringComparison.Ordinal);
        Assert.Equal(301, report.Of("CompanyName").Count(r => r.Status == Passed));
        Assert.Equal(301, report.Of("SourceTable").Count(r => r.Status == Passed));

        // The new companies do not exist in the destination yet; the three sample companies align as before.
        Assert.Equal(298, report.Of("SchemaAlignment").Count(r => r.Status == NotApplicable));
        Assert.Equal(3 * TablesPerCompany, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        report.AssertProblemsAre(("CompanyCount", "301 selected companies"));
        Assert.True(report.Ready, "A warning alone leaves the report ready.");
    }

    // ---- source databases and tables ----

    [Fact]
    public async Task A_dropped_sl_table_in_the_second_application_database_warns_50004_for_its_company_only()
    {
        Execute(Integration.SecondApp, "DROP TABLE PJCode;");
        var report = await RunAsync();

        var missing = report.One("SourceTable", "0030/PJCode").Is(Warning, 50004);
        Assert.Equal(CompatibilityTargetType.Table, missing.TargetType);
        Assert.Equal("0030", missing.Company);
        Assert.Contains(Integration.SecondApp, missing.Message, StringComparison.Ordinal);

        // No company-level "all tables exist" for 0030, and nothing to align for the missing table.
        Assert.DoesNotContain(report.Of("SourceTable"), r => r.Target == "0030");
        report.One("SourceTable", "0010").Is(Passed, null);
        Assert.DoesNotContain(report.Of("SchemaAlignment"), r => r.Target == "0030/PJCode");
        Assert.Equal((3 * TablesPerCompany) - 1, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        report.AssertProblemsAre(("SourceTable", "0030/PJCode"));
        Assert.True(report.Ready);
    }

    [Fact]
    public async Task An_sl_table_named_in_other_case_is_found_and_aligned()
    {
        // Not a break: SQLite and SQL Server resolve PJCODE as PJCode, so the table is there and is checked.
        Execute(Integration.SecondApp, "ALTER TABLE PJCode RENAME TO PJCode_; ALTER TABLE PJCode_ RENAME TO PJCODE;");
        var report = await RunAsync();

        report.One("SourceTable", "0030").Is(Passed, null);
        report.One("SchemaAlignment", "0030/PJCode").Is(Passed, null);
        report.AssertProblemsAre();
    }

    [Fact]
    public async Task A_deleted_application_database_fails_ApplicationDatabase_for_its_company()
    {
        File.Delete(copy.PathOf(Integration.SecondApp));
        var report = await RunAsync();

        var result = report.One("ApplicationDatabase", "0030").Is(Failed, null);
        Assert.Equal("0030", result.Company);
        Assert.Contains(Integration.SecondApp, result.Message, StringComparison.Ordinal);
        Assert.Contains(Integration.SecondApp, result.RecommendedAction, StringComparison.Ordinal);

        // The company's per-database checks have nothing to read; the other companies are checked in full.
        Assert.DoesNotContain(report.Results, r => r.Company == "0030" && r.Check is "SourceTable" or "SubaccountSegments" or "SchemaAlignment");
        report.One("ApplicationDatabase", "0010").Is(Passed, null);
        Assert.Equal(2 * TablesPerCompany, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        report.AssertProblemsAre(("ApplicationDatabase", "0030"));
        Assert.Empty(report.ConnectionErrors);
    }

    [Fact]
    public async Task An_application_database_that_is_not_sqlite_fails_ApplicationDatabase()
    {
        await File.WriteAllTextAsync(copy.PathOf(Integration.SecondApp), "This is a text file, not a database.\n");
        var report = await RunAsync();

        Assert.Contains("not a SQLite database", report.One("ApplicationDatabase", "0030").Is(Failed, null).Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("ApplicationDatabase", "0030"));
        Assert.Empty(report.ConnectionErrors);
    }

    [Fact]
    public async Task An_empty_or_escaping_database_name_fails_ApplicationDatabase()
    {
        // A name that leads out of the sample's folder names no database of the source (even if such a file exists there).
        Assert.Equal(1, Execute(SlSystem, "UPDATE Company SET DatabaseName = '' WHERE RTRIM(CpnyID) = '0020';"));
        Assert.Equal(1, Execute(SlSystem, "UPDATE Company SET DatabaseName = '../" + Path.GetFileName(copy.Folder) + "/SLApp2' WHERE RTRIM(CpnyID) = '0030';"));
        var report = await RunAsync();

        Assert.Contains("DatabaseName is empty", report.One("ApplicationDatabase", "0020").Is(Failed, null).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", report.One("ApplicationDatabase", "0030").Is(Failed, null).Message, StringComparison.Ordinal);
        report.One("ApplicationDatabase", "0010").Is(Passed, null);
        report.AssertProblemsAre(("ApplicationDatabase", "0020"), ("ApplicationDatabase", "0030"));
    }

    [Fact]
    public async Task Dynamics_SL_2011_fails_DynamicsSLVersion()
    {
        Execute(SlSystem, "DROP VIEW getVersion; CREATE VIEW getVersion AS SELECT 8 AS MajorVersion, 0 AS MinorVersion, 1 AS BuildNumber, 'Microsoft Dynamics SL 2011' AS ProductName;");
        var report = await RunAsync();

        var result = report.One("DynamicsSLVersion", SlSystem).Is(Failed, null);
        Assert.Equal(CompatibilityTargetType.Database, result.TargetType);
        Assert.Contains("8 (SL 2011)", result.Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("DynamicsSLVersion", SlSystem));
    }

    [Fact]
    public async Task A_missing_getVersion_warns_that_the_version_is_unknown()
    {
        Execute(SlSystem, "DROP VIEW getVersion;");
        var report = await RunAsync();

        var result = report.One("DynamicsSLVersion", SlSystem).Is(Warning, null);
        Assert.Contains("no getVersion", result.Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("DynamicsSLVersion", SlSystem));
        Assert.True(report.Ready);
    }

    [Fact]
    public async Task A_getVersion_view_named_in_other_case_is_read()
    {
        // SQLite resolves GETVERSION as getVersion (as SQL Server does under SL's collation), so the version is known.
        Execute(SlSystem, "DROP VIEW getVersion; CREATE VIEW GETVERSION AS SELECT 10 AS MajorVersion;");
        var report = await RunAsync();

        Assert.Contains("10 (SL 2018)", report.One("DynamicsSLVersion", SlSystem).Is(Passed, null).Message, StringComparison.Ordinal);
        report.AssertProblemsAre();
    }

    [Fact]
    public async Task An_index_named_getVersion_is_not_taken_for_the_version_view()
    {
        Execute(SlSystem, "DROP VIEW getVersion; CREATE INDEX getVersion ON Company (CpnyName);");
        var report = await RunAsync();

        Assert.Contains("no getVersion", report.One("DynamicsSLVersion", SlSystem).Is(Warning, null).Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("DynamicsSLVersion", SlSystem));
    }

    [Fact]
    public async Task A_getVersion_that_names_only_the_product_year_is_read()
    {
        Execute(SlSystem, "DROP VIEW getVersion; CREATE VIEW getVersion AS SELECT 'Microsoft Dynamics SL 2015 CU3' AS ProductName;");
        var report = await RunAsync();

        Assert.Contains("9 (SL 2015)", report.One("DynamicsSLVersion", SlSystem).Is(Passed, null).Message, StringComparison.Ordinal);
        report.AssertProblemsAre();
    }

    // ---- destination: extension ----

    [Fact]
    public async Task A_removed_migration_extension_fails_50017()
    {
        Assert.Equal(1, Execute(Bc, $"DELETE FROM \"NAV App Installed App\" WHERE \"App ID\" = '{Integration.MigrationAppId}';"));
        var report = await RunAsync();

        var result = report.One("MigrationExtension", copy.Destination.Database).Is(Failed, 50017);
        Assert.Equal(CompatibilityTargetType.Destination, result.TargetType);
        Assert.Contains(Integration.MigrationAppId, result.Message, StringComparison.Ordinal);
        Assert.Equal(3 * TablesPerCompany, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        report.AssertProblemsAre(("MigrationExtension", copy.Destination.Database));
        Assert.False(report.Ready);
    }

    [Theory]
    [InlineData(28, Failed)]
    [InlineData(30, Warning)]
    public async Task Another_major_version_of_the_extension_is_judged_50017(int major, CompatibilityStatus expected)
    {
        SetExtensionMajor(major);
        var report = await RunAsync();

        var result = report.One("MigrationExtension", copy.Destination.Database).Is(expected, 50017);
        Assert.Contains($"{major}.0.0.0", result.Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("MigrationExtension", copy.Destination.Database));
        Assert.Equal(expected != Failed, report.Ready);
    }

    [Fact]
    public async Task The_extension_by_another_publisher_fails_50017()
    {
        Assert.Equal(1, Execute(Bc, $"UPDATE \"NAV App Installed App\" SET \"Publisher\" = 'Contoso' WHERE \"App ID\" = '{Integration.MigrationAppId}';"));
        var report = await RunAsync();

        Assert.Contains("'Contoso'", report.One("MigrationExtension", copy.Destination.Database).Is(Failed, 50017).Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("MigrationExtension", copy.Destination.Database));
    }

    // ---- destination: staging tables ----

    [Fact]
    public async Task A_staging_column_narrower_than_the_sl_column_fails_50011_with_L()
    {
        // GLTran.TranDesc is char(30) in SL; the staging table now declares nvarchar(20).
        var field = Integration.Table("GLTran").Fields.Single(f => f.Name == "TranDesc");
        Assert.Equal("char(30)", field.SlSqlType);
        RecreateStagingTable("0010", "GLTran", c => c.Name == "TranDesc" ? c with { SqlType = "nvarchar(20)" } : c);
        var report = await RunAsync();

        var result = report.One("SchemaAlignment", "0010/GLTran").Is(Failed, 50011);
        Assert.Equal(CompatibilityTargetType.Table, result.TargetType);
        Assert.Equal("0010", result.Company);
        Assert.Contains("[TranDesc]L", result.Message, StringComparison.Ordinal);
        Assert.Contains("char(30) -> nvarchar(20)", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[TranDesc]PK", result.Message, StringComparison.Ordinal);

        // The same table of the other companies, and every other table, still align.
        report.One("SchemaAlignment", "0020/GLTran").Is(Passed, null);
        Assert.Equal((3 * TablesPerCompany) - 1, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        report.AssertProblemsAre(("SchemaAlignment", "0010/GLTran"));
    }

    [Fact]
    public async Task A_staging_column_of_another_type_fails_50011_with_T()
    {
        RecreateStagingTable("0020", "GLTran", c => c.Name == "CrAmt" ? c with { SqlType = "nvarchar(30)" } : c);
        var report = await RunAsync();

        var result = report.One("SchemaAlignment", "0020/GLTran").Is(Failed, 50011);
        Assert.Contains("[CrAmt]T (float -> nvarchar(30))", result.Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("SchemaAlignment", "0020/GLTran"));
    }

    [Fact]
    public async Task A_changed_staging_primary_key_fails_50011_with_PK()
    {
        // GLTran keys on Module, BatNbr, LineNbr; the staging table now keys on Module, BatNbr only.
        Assert.Equal(["Module", "BatNbr", "LineNbr"], Integration.Table("GLTran").PrimaryKey);
        RecreateStagingTable("0010", "GLTran", c => c, primaryKey: ["Module", "BatNbr"]);
        var report = await RunAsync();

        var result = report.One("SchemaAlignment", "0010/GLTran").Is(Failed, 50011);
        Assert.Contains("[LineNbr]PK", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[Module]", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[BatNbr]", result.Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("SchemaAlignment", "0010/GLTran"));
    }

    [Fact]
    public async Task A_dropped_staging_table_fails_50011()
    {
        var staging = Integration.StagingTable("0020", "Vendor");
        Execute(Bc, $"DROP TABLE {Q(staging)};");
        var report = await RunAsync();

        var result = report.One("SchemaAlignment", "0020/Vendor").Is(Failed, 50011);
        Assert.Equal("0020", result.Company);
        Assert.Contains(staging, result.Message, StringComparison.Ordinal);
        Assert.Equal((3 * TablesPerCompany) - 1, report.Of("SchemaAlignment").Count(r => r.Status == Passed));
        report.AssertProblemsAre(("SchemaAlignment", "0020/Vendor"));
    }

    // ---- destination: companies ----

    [Fact]
    public async Task A_destination_company_with_the_same_sql_name_fails_DestinationCompany()
    {
        // '00.1' becomes the SQL name '00_1', which the destination company '00_1' already uses.
        RenameSlCompany("0020", "00.1");
        AddBcCompany("00_1");
        var report = await RunAsync();

        var clash = report.One("DestinationCompany", "00.1").Is(Failed, null);
        Assert.Equal("00.1", clash.Company);
        Assert.Contains("'00_1'", clash.Message, StringComparison.Ordinal);
        Assert.Contains("'00_1'", clash.RecommendedAction, StringComparison.Ordinal);

        // '.' is also not allowed in a company id; the destination has no '00.1' to align with.
        report.One("CompanyName", "00.1").Is(Failed, 50021);
        Assert.Equal(NotApplicable, report.One("SchemaAlignment", "00.1").Status);
        report.AssertProblemsAre(("DestinationCompany", "00.1"), ("CompanyName", "00.1"));
    }

    [Fact]
    public async Task A_destination_company_differing_only_in_case_clashes()
    {
        RenameSlCompany("0020", "abc");
        AddBcCompany("ABC");
        var report = await RunAsync();

        Assert.Contains("'ABC'", report.One("DestinationCompany", "abc").Is(Failed, null).Message, StringComparison.Ordinal);
        report.One("CompanyName", "abc").Is(Passed, null);
        report.AssertProblemsAre(("DestinationCompany", "abc"));
    }

    [Fact]
    public async Task Two_selected_companies_sharing_sql_names_both_fail()
    {
        RenameSlCompany("0020", "ab");
        RenameSlCompany("0030", "AB");
        var report = await RunAsync();

        Assert.Contains("AB", report.One("DestinationCompany", "ab").Is(Failed, null).Message, StringComparison.Ordinal);
        Assert.Contains("ab", report.One("DestinationCompany", "AB").Is(Failed, null).Message, StringComparison.Ordinal);
        report.AssertProblemsAre(("DestinationCompany", "ab"), ("DestinationCompany", "AB"));
    }
}
