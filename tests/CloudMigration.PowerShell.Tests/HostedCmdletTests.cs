using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CloudMigration.PowerShell.Tests;

/// <summary>
/// The cmdlets hosted in-process (Microsoft.PowerShell.SDK): cancellation through Stop (Ctrl+C),
/// progress written from the pipeline thread, -WhatIf, and error records.
/// </summary>
public sealed class HostedCmdletTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cm-hosted-" + Guid.NewGuid().ToString("N"));
    private readonly Runspace runspace;

    public HostedCmdletTests()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(typeof(CmCmdlet).Assembly.Location);
        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
    }

    [Fact]
    public void WhatIf_creates_nothing()
    {
        using var ps = Create();
        ps.AddCommand("New-CmSampleEnvironment").AddParameter("Path", folder).AddParameter("WhatIf");
        var output = ps.Invoke();
        Assert.Empty(output);
        Assert.False(ps.HadErrors);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Long_work_reports_progress_and_returns_the_sample()
    {
        using var ps = Create();
        ps.AddCommand("New-CmSampleEnvironment").AddParameter("Path", folder).AddParameter("RowsPerTable", 2).AddParameter("Confirm", false);
        var output = ps.Invoke();
        Assert.Single(output);
        Assert.Contains(ps.Streams.Progress, p => p.Activity.Contains("sample", StringComparison.OrdinalIgnoreCase) && p.PercentComplete >= 0);
        Assert.Contains(ps.Streams.Progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public async Task Stop_cancels_the_engine_work_and_leaves_nothing_behind()
    {
        using var ps = Create();
        ps.AddCommand("New-CmSampleEnvironment").AddParameter("Path", folder).AddParameter("CompanyCount", 50).AddParameter("RowsPerTable", 2000).AddParameter("Confirm", false);
        var started = new TaskCompletionSource();
        ps.Streams.Progress.DataAdded += (_, _) => started.TrySetResult();
        var invocation = ps.BeginInvoke();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "Stop must cancel the engine work, not wait for it to finish.");
        Assert.False(Directory.Exists(folder), "A cancelled sample must not leave the folder it created.");
    }

    [Fact]
    public void Bad_input_is_an_error_record_with_id_category_target_and_recommendation()
    {
        using var ps = Create();
        ps.AddCommand("Get-CmCompany").AddParameter("Source", "Server=x;Initial Catolog=SL;User ID=sa");
        var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
        var record = ex.ErrorRecord;
        Assert.StartsWith("ConnectionStringUnknownKeyword,", record.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Equal("Initial Catolog", record.TargetObject);
        Assert.Contains("Initial Catalog", record.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmatched_company_name_is_a_non_terminating_error_and_matches_still_arrive()
    {
        using (var create = Create())
        {
            create.AddCommand("New-CmSampleEnvironment").AddParameter("Path", folder).AddParameter("RowsPerTable", 1).AddParameter("Confirm", false);
            create.Invoke();
        }

        using var ps = Create();
        ps.AddCommand("Get-CmCompany").AddParameter("Source", "sqlite:" + Path.Combine(folder, "SLSystem.db")).AddParameter("Name", new[] { "0010", "XYZ" });
        var output = ps.Invoke();
        Assert.Single(output);
        var error = Assert.Single(ps.Streams.Error);
        Assert.StartsWith("CompanyNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("XYZ", error.TargetObject);
    }

    public void Dispose()
    {
        runspace.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private System.Management.Automation.PowerShell Create()
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        return ps;
    }
}
