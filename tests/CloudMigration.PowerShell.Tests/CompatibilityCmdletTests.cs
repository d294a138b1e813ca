using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Microsoft.Data.Sqlite;

namespace CloudMigration.PowerShell.Tests;

/// <summary>
/// Test-CmCompatibility hosted in-process (Microsoft.PowerShell.SDK) against a sample broken with plain
/// SQL: a company id with '[' fails CompanyName with Microsoft's code 50021, progress is written while
/// it runs, and -Quiet answers false.
/// </summary>
public sealed class CompatibilityCmdletTests : IDisposable
{
    private const string BrokenId = "0[10";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cm-compat-" + Guid.NewGuid().ToString("N"));
    private readonly Runspace runspace;

    public CompatibilityCmdletTests()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(typeof(CmCmdlet).Assembly.Location);
        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
    }

    private string Source => "sqlite:" + Path.Combine(folder, "SLSystem.db");

    private string Destination => "sqlite:" + Path.Combine(folder, "BusinessCentral.db");

    [Fact]
    public void Unbroken_sample_has_no_failure_and_is_ready()
    {
        CreateSample();

        using var ps = Create();
        ps.AddCommand("Test-CmCompatibility").AddParameter("Source", Source).AddParameter("Destination", Destination);
        var results = ps.Invoke();
        Assert.False(ps.HadErrors);
        Assert.NotEmpty(results);
        Assert.DoesNotContain(results, r => Status(r) == "Failed");
        Assert.Equal(3, results.Count(r => Property<string>(r, "Check") == "CompanyName"));

        using var quiet = Create();
        quiet.AddCommand("Test-CmCompatibility").AddParameter("Source", Source).AddParameter("Destination", Destination).AddParameter("Quiet");
        Assert.True((bool)Assert.Single(quiet.Invoke()).BaseObject);
    }

    [Fact]
    public void Company_id_with_a_bracket_fails_CompanyName_with_code_50021()
    {
        CreateSample();
        BreakCompanyId();

        using var ps = Create();
        ps.AddCommand("Test-CmCompatibility").AddParameter("Source", Source).AddParameter("Destination", Destination);
        var results = ps.Invoke();

        var names = results.Where(r => Property<string>(r, "Check") == "CompanyName").ToList();
        Assert.Equal(3, names.Count);
        var failed = Assert.Single(names, r => Status(r) == "Failed");
        Assert.Equal(BrokenId, Property<string>(failed, "Company"));
        Assert.Equal(BrokenId, Property<string>(failed, "Target"));
        Assert.Equal("Company", Property<object>(failed, "TargetType")?.ToString());
        Assert.Equal(50021, Property<int?>(failed, "Code"));
        Assert.Contains("'['", Property<string>(failed, "Message"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Property<string>(failed, "RecommendedAction")));

        // The other companies' names still pass.
        Assert.Equal(new[] { "0020", "0030" }, names.Where(r => Status(r) == "Passed").Select(r => Property<string>(r, "Company") ?? string.Empty));
    }

    [Fact]
    public void Progress_is_written_while_the_test_runs()
    {
        CreateSample();
        BreakCompanyId();

        using var ps = Create();
        ps.AddCommand("Test-CmCompatibility").AddParameter("Source", Source).AddParameter("Destination", Destination);
        ps.Invoke();

        Assert.NotEmpty(ps.Streams.Progress);
        Assert.Contains(ps.Streams.Progress, p => p.Activity.Contains("compatibility", StringComparison.OrdinalIgnoreCase) && p.RecordType == ProgressRecordType.Processing);
        Assert.Contains(ps.Streams.Progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public void Quiet_returns_a_single_false_for_the_broken_sample()
    {
        CreateSample();
        BreakCompanyId();

        using var ps = Create();
        ps.AddCommand("Test-CmCompatibility").AddParameter("Source", Source).AddParameter("Destination", Destination).AddParameter("Quiet");
        var output = ps.Invoke();

        var answer = Assert.Single(output);
        Assert.IsType<bool>(answer.BaseObject);
        Assert.False((bool)answer.BaseObject);
        Assert.False(ps.HadErrors);
    }

    public void Dispose()
    {
        runspace.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void CreateSample()
    {
        using var ps = Create();
        ps.AddCommand("New-CmSampleEnvironment").AddParameter("Path", folder).AddParameter("RowsPerTable", 2).AddParameter("Confirm", false);
        Assert.Single(ps.Invoke());
        Assert.False(ps.HadErrors);
    }

    /// <summary>Gives company 0010 the id '0[10' in the system database (its application database is left as it is).</summary>
    private void BreakCompanyId()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "SLSystem.db"), Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Company SET CpnyID = '0[10' WHERE CpnyID LIKE '0010%';";
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static T? Property<T>(PSObject result, string name) => (T?)result.Properties[name]?.Value;

    private static string? Status(PSObject result) => result.Properties["Status"]?.Value?.ToString();

    private System.Management.Automation.PowerShell Create()
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        return ps;
    }
}
