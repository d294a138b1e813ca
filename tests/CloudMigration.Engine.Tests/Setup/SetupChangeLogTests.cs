using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.TablePlanning;

namespace CloudMigration.Engine.Tests.Setup;

/// <summary>
/// A SQLite source gets the trigger-maintained change log from setup (TablePlan step), so the plan chooses Delta for every
/// mapped table with a primary key, as it does where SQL Server change tracking covers a table.
/// </summary>
public sealed class SetupChangeLogTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    // The sample's mapped tables without a primary key in the SL database: no change log, copied in full.
    private static readonly string[] Unkeyed = ["POAddress", "SOAddress"];

    [Fact]
    public async Task Setup_on_the_sample_installs_the_change_log_and_the_plan_is_delta_for_tracked_tables()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var before = await PlanAsync(harness);
        var database = before.Entries.Entry("0010", "GLTran").SourceDatabase;
        Assert.Empty(harness.Rows("SELECT name FROM sqlite_master WHERE type = 'trigger'", database));
        Assert.All(before.Entries, e => Assert.Equal(CopyMethod.Full, e.CopyMethod));

        var setup = await harness.StartAsync();

        Assert.True(setup.Status == SetupStatus.Ready, setup.Message);
        Assert.Equal(58, setup.DeltaTables);
        Assert.Equal(2, setup.FullTables);
        Assert.Contains("The change log tracks 58 tables", setup.Steps.Single(s => s.Name == SetupStepName.TablePlan).Message, StringComparison.Ordinal);
        var triggers = harness.Rows("SELECT name FROM sqlite_master WHERE type = 'trigger'", database);
        Assert.Equal(58 * 3, triggers.Count);
        Assert.Contains("cm_ct1_ins_GLTran", triggers);
        Assert.Contains("cm_ct1_upd_GLTran", triggers);
        Assert.Contains("cm_ct1_del_GLTran", triggers);
        Assert.DoesNotContain(triggers, t => Unkeyed.Any(u => t.EndsWith("_" + u, StringComparison.Ordinal)));
        Assert.Contains("GLTran|[\"Module\",\"BatNbr\",\"LineNbr\"]", harness.Rows("SELECT TableName, KeyColumns FROM cm_ChangeTracking", database));

        var after = await PlanAsync(harness);
        var glTran = after.Entries.Entry("0010", "GLTran");
        Assert.Equal(CopyMethod.Delta, glTran.CopyMethod);
        Assert.Equal("Change tracking covers GLTran (retention 3 DAYS); the first run copies in full.", glTran.Reason);
        foreach (var table in Unkeyed)
        {
            var entry = after.Entries.Entry("0010", table);
            Assert.Equal(CopyMethod.Full, entry.CopyMethod);
            Assert.Equal($"{table} has no primary key, so change tracking cannot follow its rows; every run copies it in full.", entry.Reason);
        }

        Assert.Equal(58, after.Entries.Count(e => e.CopyMethod == CopyMethod.Delta));
    }

    [Fact]
    public async Task Running_setup_again_keeps_the_change_log_as_it_is()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var first = await harness.StartAsync();
        var database = (await PlanAsync(harness)).Entries.Entry("0010", "GLTran").SourceDatabase;
        var log = harness.Rows("SELECT TableName, KeyColumns, TriggerVersion, MinValidVersion, EnabledAt FROM cm_ChangeTracking", database);
        var triggers = harness.Rows("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", database);

        var again = await harness.StartAsync();

        Assert.Equal(first.TablesByCopyMethod, again.TablesByCopyMethod);
        Assert.Equal(log, harness.Rows("SELECT TableName, KeyColumns, TriggerVersion, MinValidVersion, EnabledAt FROM cm_ChangeTracking", database));
        Assert.Equal(triggers, harness.Rows("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", database));
    }

    [Fact]
    public async Task The_change_tracking_check_on_sqlite_is_not_applicable_before_setup_and_passed_after()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var options = new CompatibilityOptions { Companies = ["0010"] };

        var before = (await new CompatibilityService().TestAsync(harness.Sample.Source, harness.Sample.Destination, options, null, CancellationToken.None))
            .Results.Where(r => r.Check == "ChangeTracking").ToList();
        var notApplicable = Assert.Single(before);
        Assert.Equal(CompatibilityStatus.NotApplicable, notApplicable.Status);
        Assert.Contains("setup installs a change log", notApplicable.Message, StringComparison.Ordinal);

        Assert.Equal(SetupStatus.Ready, (await harness.StartAsync()).Status);
        var after = (await new CompatibilityService().TestAsync(harness.Sample.Source, harness.Sample.Destination, options, null, CancellationToken.None))
            .Results.Where(r => r.Check == "ChangeTracking").ToList();

        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.Equal(CompatibilityStatus.Passed, r.Status));
        Assert.Contains(after, r => r.Message.Contains("tracks 58 of its 60 mapped tables; the others (without a primary key, or not planned) are copied in full.", StringComparison.Ordinal));
    }

    private static Task<TablePlan> PlanAsync(SetupHarness harness) =>
        new TablePlanService().BuildAsync(harness.Sample.Source, harness.Sample.Destination, new TablePlanOptions { Companies = ["0010"] }, null, CancellationToken.None);
}
