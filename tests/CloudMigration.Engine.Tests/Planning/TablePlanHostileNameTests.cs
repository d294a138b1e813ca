using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;
using CloudMigration.Engine.Tests.Sql;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>Injection-shaped table names in custom mappings: planned as data, never run as SQL.</summary>
public sealed class TablePlanHostileNameTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    public static TheoryData<string> HostileNames => ScriptDomTests.HostileNames;

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_hostile_name_that_is_no_table_is_skipped_and_nothing_changes(string name)
    {
        var before = FolderSnapshot.Take(fixture.Folder);

        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination,
            mappings: [new TableMappingInput { SourceTable = name, DestinationTable = name }]);

        before.AssertUnchanged(fixture.Folder);
        Assert.Equal(3 * 61, plan.Entries.Count);
        var hostile = plan.Entries.Where(e => e.CustomMapping).ToList();
        Assert.Equal(SamplePlan.ActiveCompanies, hostile.Select(e => e.Company));
        Assert.All(hostile, e =>
        {
            Assert.Equal(name, e.SourceTable);
            Assert.Equal($"{e.Company}${BcNaming.SqlSafe(name)}${PlanFacts.AppId}", e.DestinationTable);
            Assert.Equal(CopyMethod.Skip, e.CopyMethod);
            Assert.Equal(PlanStatus.Warning, e.Status);
            Assert.Equal(50004, e.Code);
            Assert.Empty(e.Columns);
        });
        Assert.All(plan.Entries.Where(e => !e.CustomMapping), e => Assert.Equal(PlanStatus.Ready, e.Status));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task A_hostile_table_that_exists_is_counted_per_company(string name)
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        SamplePlan.CreateTable(copy, SamplePlan.MainApp, SamplePlan.SlCustomTable(name), SamplePlan.SlRows("0010", 3).Concat(SamplePlan.SlRows("0020", 2)));
        var before = FolderSnapshot.Take(copy.Folder);

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, mappings: [new TableMappingInput { SourceTable = name, DestinationTable = "SL Hostile" }]);

        before.AssertUnchanged(copy.Folder);
        Assert.Equal(3, plan.Entries.Entry("0010", name).EstimatedRows);
        Assert.Equal(2, plan.Entries.Entry("0020", name).EstimatedRows);
        Assert.True(plan.Entries.Entry("0010", name).FilteredByCompany);
        Assert.Equal(["CpnyID", "Code", "Amount"], plan.Entries.Entry("0010", name).Columns.Select(c => c.Source));
        // Business Central has no such table: an error, not a crash; SLApp2 has no such source table.
        Assert.Equal(PlanStatus.Error, plan.Entries.Entry("0010", name).Status);
        Assert.Equal(PlanStatus.Warning, plan.Entries.Entry("0030", name).Status);
        // The other tables of the database are still counted right.
        Assert.Equal(SamplePlan.Scalar(copy.PathOf(SamplePlan.MainApp), "SELECT COUNT(*) FROM GLTran WHERE trim(CpnyID) = '0010';"), plan.Entries.Entry("0010", "GLTran").EstimatedRows);
    }
}
