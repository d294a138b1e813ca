using System.Text.Json;
using System.Text.Json.Serialization;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Tests.Discovery;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Compatibility.Integration;

/// <summary>Runs the compatibility service end to end and finds results in its report.</summary>
internal static class Integration
{
    public const string MigrationAppId = "237981b4-9e3c-437c-9b92-988aae978e8f";

    /// <summary>The sample's SL databases and which active companies live in each.</summary>
    public const string MainApp = "SLApp";
    public const string SecondApp = "SLApp2";

    public static readonly string[] ActiveCompanies = ["0010", "0020", "0030"];

    public static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static Task<CompatibilityReport> RunAsync(CmEndpoint source, CmEndpoint destination, params string[] companies) =>
        new CompatibilityService().TestAsync(source, destination, new CompatibilityOptions { Companies = companies }, null, CancellationToken.None);

    /// <summary>The SQL name of a company's staging table for an SL table of the catalog.</summary>
    public static string StagingTable(string company, string slTable) =>
        BcNaming.CompanyTable(company, Table(slTable).BcTable, SlCatalog.Default.App.Id);

    /// <summary>Runs SQL on a database of a private copy and returns the rows it changed, so a test can tell its edit took.</summary>
    public static int Execute(PrivateSample copy, string database, string sql)
    {
        Assert.True(File.Exists(copy.PathOf(database)), $"The private copy has no database '{database}'.");
        var builder = new SqliteConnectionStringBuilder { DataSource = copy.PathOf(database), Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static SlTable Table(string slTable) => SlCatalog.Default.Tables.Single(t => t.Name == slTable);

    public static IReadOnlyList<CompatibilityResult> Of(this CompatibilityReport report, string check) =>
        report.Results.Where(r => r.Check == check).ToList();

    /// <summary>The one result of a check on a target; fails listing what there is otherwise.</summary>
    public static CompatibilityResult One(this CompatibilityReport report, string check, string target)
    {
        var hits = report.Results.Where(r => r.Check == check && r.Target == target).ToList();
        Assert.True(hits.Count == 1, $"Expected one {check} result for '{target}', found {hits.Count}:\n{Describe(report.Of(check))}");
        return hits[0];
    }

    /// <summary>The results that are neither Passed nor NotApplicable.</summary>
    public static IReadOnlyList<CompatibilityResult> Problems(this CompatibilityReport report) =>
        report.Results.Where(r => r.Status is CompatibilityStatus.Warning or CompatibilityStatus.Failed).ToList();

    /// <summary>Asserts that exactly these (check, target) pairs are the report's warnings and failures.</summary>
    public static void AssertProblemsAre(this CompatibilityReport report, params (string Check, string Target)[] expected)
    {
        var actual = report.Problems().Select(r => (r.Check, r.Target)).Order().ToList();
        Assert.True(expected.Order().SequenceEqual(actual),
            $"Expected problems [{string.Join(", ", expected.Order())}] but the report has:\n{Describe(report.Problems())}");
    }

    public static string Describe(IEnumerable<CompatibilityResult> results) =>
        string.Join("\n", results.Select(r => $"  {r.Status} {r.Check} {r.Target} {r.Code}: {r.Message}"));

    /// <summary>Asserts status and code of a result, with the message in the failure text.</summary>
    public static CompatibilityResult Is(this CompatibilityResult result, CompatibilityStatus status, int? code)
    {
        Assert.True(result.Status == status && result.Code == code,
            $"Expected {status} {code} but got {result.Status} {result.Code}: {result.Check} {result.Target}: {result.Message}");
        return result;
    }
}
