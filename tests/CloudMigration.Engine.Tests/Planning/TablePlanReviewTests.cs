using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility.Integration;
using CloudMigration.Engine.Tests.Discovery;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>A plan exported, reviewed and read back (-Plan): re-validated against the databases as they are now.</summary>
public sealed class TablePlanReviewTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    [Fact]
    public async Task A_reviewed_plan_comes_back_with_its_edits()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination);
        var rows = SamplePlan.Rows(plan.Entries);
        var skipped = rows.FindIndex(r => r.Company == "0010" && r.SourceTable == "Batch");
        var lowercase = rows.FindIndex(r => r.Company == "0030" && r.SourceTable == "GLTran");
        rows[skipped] = Edit(rows[skipped], "Skip");
        rows[lowercase] = Edit(rows[lowercase], "full");

        var reviewed = await SamplePlan.ValidateAsync(fixture.Sample.Source, fixture.Sample.Destination, rows);

        Assert.Empty(reviewed.RowErrors);
        Assert.Equal(plan.Entries.Count, reviewed.Entries.Count);
        Assert.Equal(plan.Entries.Select(e => e.ToString()), reviewed.Entries.Select(e => e.ToString()));
        Assert.Equal(plan.Entries.Select(e => e.DestinationTable), reviewed.Entries.Select(e => e.DestinationTable));

        var batch = reviewed.Entries[skipped];
        Assert.Equal(CopyMethod.Skip, batch.CopyMethod);
        Assert.StartsWith("Set by the reviewed plan (Full was possible): ", batch.Reason, StringComparison.Ordinal);
        Assert.Equal(CopyMethod.Full, reviewed.Entries[lowercase].CopyMethod);
        Assert.Equal(179, reviewed.Entries.Count(e => e.CopyMethod == CopyMethod.Full));
        Assert.Equal(plan.Entries.Select(e => e.EstimatedRows), reviewed.Entries.Select(e => e.EstimatedRows));
    }

    [Fact]
    public async Task Delta_cannot_be_asked_of_a_sqlite_source()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination, ["0020"]);
        var rows = SamplePlan.Rows(plan.Entries);
        rows[0] = Edit(rows[0], "Delta");

        var reviewed = await SamplePlan.ValidateAsync(fixture.Sample.Source, fixture.Sample.Destination, rows);

        Assert.Equal(59, reviewed.Entries.Count);
        var error = Assert.Single(reviewed.RowErrors);
        CmAssert.Error(error, ErrorIds.TablePlanStale, CmErrorCategory.InvalidData);
        Assert.Contains("Plan row 1 (0020/Account", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(reviewed.Entries, e => e.SourceTable == "Account");
    }

    [Fact]
    public async Task Rows_of_a_table_dropped_or_a_company_deleted_after_planning_are_stale()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination);
        Assert.Equal(180, plan.Entries.Count);

        Integration.Execute(copy, SamplePlan.MainApp, "DROP TABLE Site;");
        Assert.Equal(1, Integration.Execute(copy, "SLSystem", "DELETE FROM Company WHERE trim(CpnyID) = '0020';"));
        var reviewed = await SamplePlan.ValidateAsync(copy.Source, copy.Destination, SamplePlan.Rows(plan.Entries));

        // 0010/Site is Skip now and the row asks for Full; every row of 0020 matches no company.
        Assert.Equal(61, reviewed.RowErrors.Count);
        Assert.All(reviewed.RowErrors, e => CmAssert.Error(e, ErrorIds.TablePlanStale, CmErrorCategory.InvalidData));
        Assert.Equal(["0010/Site"], reviewed.RowErrors.Select(e => (string)e.TargetObject!).Where(t => !t.StartsWith("0020/", StringComparison.Ordinal)));
        Assert.Equal(119, reviewed.Entries.Count);
        Assert.DoesNotContain(reviewed.Entries, e => e.Company == "0020");
        Assert.DoesNotContain(reviewed.Entries, e => e.Company == "0010" && e.SourceTable == "Site");
        Assert.Contains(reviewed.Entries, e => e.Company == "0030" && e.SourceTable == "Site");
    }

    [Fact]
    public async Task A_dropped_table_may_still_be_reviewed_as_skip()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, ["0010"]);
        Integration.Execute(copy, SamplePlan.MainApp, "DROP TABLE Site;");
        var rows = SamplePlan.Rows(plan.Entries);
        var site = rows.FindIndex(r => r.SourceTable == "Site");
        rows[site] = Edit(rows[site], "Skip");

        var reviewed = await SamplePlan.ValidateAsync(copy.Source, copy.Destination, rows);

        Assert.Empty(reviewed.RowErrors);
        var entry = reviewed.Entries.Entry("0010", "Site");
        Assert.Equal(CopyMethod.Skip, entry.CopyMethod);
        Assert.Equal(PlanStatus.Warning, entry.Status);
        Assert.Equal(50004, entry.Code);
    }

    [Fact]
    public async Task An_inactive_company_and_a_company_id_with_wildcard_characters_are_matched_exactly()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        Assert.Equal(1, Integration.Execute(copy, "SLSystem", "UPDATE Company SET CpnyID = 'A[1]*' WHERE trim(CpnyID) = '0020';"));
        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, ["A`[1`]`*", "9990"]);
        Assert.Equal(["9990", "A[1]*"], plan.Entries.Select(e => e.Company).Distinct().Order(StringComparer.Ordinal));

        var reviewed = await SamplePlan.ValidateAsync(copy.Source, copy.Destination, SamplePlan.Rows(plan.Entries));

        Assert.Empty(reviewed.RowErrors);
        Assert.Equal(120, reviewed.Entries.Count);
    }

    [Fact]
    public async Task Custom_mappings_are_read_back_from_the_destination_names()
    {
        using var copy = PrivateSample.CopyOf(fixture.Folder);
        SamplePlan.CreateTable(copy, SamplePlan.MainApp, SamplePlan.SlCustomTable("XCustom"), SamplePlan.SlRows("0010", 1));
        SamplePlan.CreateTable(copy, SamplePlan.SecondApp, SamplePlan.SlCustomTable("XCustom"), SamplePlan.SlRows("0030", 1));
        foreach (var company in SamplePlan.ActiveCompanies)
        {
            SamplePlan.CreateTable(copy, "BusinessCentral", SamplePlan.BcCustomTable(company, "SL XCustom"), []);
        }

        var plan = await SamplePlan.BuildAsync(copy.Source, copy.Destination, mappings:
        [
            new TableMappingInput { SourceTable = "XCustom", DestinationTable = "SL XCustom" },
            new TableMappingInput { SourceTable = "GLTran", DestinationTable = "SL GLTran" }, // no such table in Business Central
        ]);
        Assert.Equal(183, plan.Entries.Count);

        // The reviewed plan carries no mapping: the service finds it in each row's destination table.
        var reviewed = await SamplePlan.ValidateAsync(copy.Source, copy.Destination, SamplePlan.Rows(plan.Entries));

        Assert.Empty(reviewed.RowErrors);
        Assert.Equal(183, reviewed.Entries.Count);
        Assert.Equal(6, reviewed.Entries.Count(e => e.CustomMapping));
        Assert.All(reviewed.Entries.Where(e => e.SourceTable == "XCustom"), e => Assert.Equal(PlanStatus.Ready, e.Status));
        Assert.All(reviewed.Entries.Where(e => e.SourceTable == "GLTran"), e =>
        {
            Assert.Equal(CopyMethod.Skip, e.CopyMethod);
            Assert.Equal(PlanStatus.Error, e.Status);
        });
    }

    [Fact]
    public async Task A_reviewed_plan_that_feeds_one_destination_from_two_tables_is_invalid()
    {
        var destination = SamplePlan.StagingTable("0010", "SL Shared");
        TablePlanRow[] rows =
        [
            new() { Company = "0010", SourceTable = "GLTran", DestinationTable = destination, CopyMethod = "Full", Line = 1 },
            new() { Company = "0010", SourceTable = "Batch", DestinationTable = destination, CopyMethod = "Full", Line = 2 },
        ];

        var ex = await Assert.ThrowsAsync<CmException>(() => SamplePlan.ValidateAsync(fixture.Sample.Source, fixture.Sample.Destination, rows));

        CmAssert.Error(ex, ErrorIds.TablePlanInvalid, CmErrorCategory.InvalidData);
        Assert.Contains("SL Shared", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_rows_give_an_empty_plan_without_reading_the_databases()
    {
        using var empty = PrivateSample.Empty();
        var reviewed = await SamplePlan.ValidateAsync(empty.Source, empty.Destination, []);

        Assert.Empty(reviewed.Entries);
        Assert.Empty(reviewed.RowErrors);
    }

    [Fact]
    public async Task Malformed_rows_are_reported_next_to_the_good_ones()
    {
        var plan = await SamplePlan.BuildAsync(fixture.Sample.Source, fixture.Sample.Destination, ["0010"]);
        var rows = SamplePlan.Rows(plan.Entries.Take(3));
        rows.Add(Edit(rows[0], "Full")); // a repeat
        rows.Add(new TablePlanRow { Company = "0010", SourceTable = "GLTran", DestinationTable = "not a table name", CopyMethod = "Full", Line = 5 });
        rows.Add(new TablePlanRow { Company = "0010", SourceTable = "Batch", DestinationTable = plan.Entries.Entry("0010", "Batch").DestinationTable, CopyMethod = "Sometimes", Line = 6 });

        var reviewed = await SamplePlan.ValidateAsync(fixture.Sample.Source, fixture.Sample.Destination, rows);

        Assert.Equal(3, reviewed.Entries.Count);
        Assert.Equal([ErrorIds.TablePlanInvalid, ErrorIds.TablePlanStale, ErrorIds.TablePlanInvalid], reviewed.RowErrors.Select(e => e.ErrorId));
    }

    private static TablePlanRow Edit(TablePlanRow row, string method) => new()
    {
        Company = row.Company,
        SourceTable = row.SourceTable,
        DestinationTable = row.DestinationTable,
        CopyMethod = method,
        Line = row.Line,
    };
}
