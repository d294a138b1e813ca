using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Tests.Compatibility;
using CloudMigration.Engine.Tests.Discovery;

namespace CloudMigration.Engine.Tests.TablePlanning;

/// <summary>A reviewed plan against the live one: rows must still match, and a method may be lowered, never raised.</summary>
public sealed class TablePlanValidatorTests
{
    // Delta everywhere, but GLTran of SLApp is untracked (Full) and Site is missing from SLApp2 (Skip).
    private static readonly IReadOnlyList<TablePlanEntry> Live = PlanFacts.Plan(FactBuilder.SqlServer()
        .ChangeTable(FactBuilder.App, "GLTran", t => t with { ChangeTracked = false })
        .RemoveTable(FactBuilder.App2, "Site"));

    private static TablePlanRow Row(TablePlanEntry entry, string? method = null, int line = 1) => new()
    {
        Company = entry.Company,
        SourceTable = entry.SourceTable,
        DestinationTable = entry.DestinationTable,
        CopyMethod = method ?? entry.CopyMethod.ToString(),
        Line = line,
    };

    private static TablePlanRow Row(string company, string table, string method, int line = 1) => Row(Live.Entry(company, table), method, line);

    private static CmException OneError(TablePlanValidator.Result result, string errorId)
    {
        var error = Assert.Single(result.Errors);
        CmAssert.Error(error, errorId, CmErrorCategory.InvalidData);
        return error;
    }

    [Fact]
    public void Rows_as_planned_give_back_the_live_entries()
    {
        var rows = Live.Select((e, i) => Row(e, line: i + 1)).ToList();
        var result = TablePlanValidator.Validate(rows, Live);

        Assert.Empty(result.Errors);
        Assert.Equal(Live.Count, result.Entries.Count);
        for (var i = 0; i < Live.Count; i++)
        {
            Assert.Same(Live[i], result.Entries[i]);
        }
    }

    [Fact]
    public void Entries_follow_the_order_of_the_rows_and_leave_out_rows_not_given()
    {
        var rows = new[] { Row("0030", "Batch", "Delta"), Row("0010", "Account", "Delta") };
        var result = TablePlanValidator.Validate(rows, Live);

        Assert.Empty(result.Errors);
        Assert.Equal(["0030/Batch", "0010/Account"], result.Entries.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("0010", "Batch", "Delta", "Full")]
    [InlineData("0010", "Batch", "Delta", "Skip")]
    [InlineData("0020", "GLTran", "Full", "Skip")]
    public void A_lowered_method_is_taken_with_the_reason(string company, string table, string live, string chosen)
    {
        var entry = Live.Entry(company, table);
        Assert.Equal(live, entry.CopyMethod.ToString());
        var result = TablePlanValidator.Validate([Row(entry, chosen)], Live);

        Assert.Empty(result.Errors);
        var taken = Assert.Single(result.Entries);
        Assert.Equal(Enum.Parse<CopyMethod>(chosen), taken.CopyMethod);
        Assert.StartsWith($"Set by the reviewed plan ({live} was possible): ", taken.Reason, StringComparison.Ordinal);
        Assert.EndsWith(entry.Reason, taken.Reason, StringComparison.Ordinal);

        // Everything else is the live entry's.
        Assert.Equal(entry.Company, taken.Company);
        Assert.Equal(entry.SourceDatabase, taken.SourceDatabase);
        Assert.Equal(entry.DestinationTable, taken.DestinationTable);
        Assert.Same(entry.Columns, taken.Columns);
        Assert.Same(entry.KeyColumns, taken.KeyColumns);
        Assert.Equal(entry.FilteredByCompany, taken.FilteredByCompany);
        Assert.Equal(entry.EstimatedRows, taken.EstimatedRows);
        Assert.Equal(entry.EstimatedSizeMB, taken.EstimatedSizeMB);
        Assert.Equal(entry.Status, taken.Status);
        Assert.Equal(entry.Notes, taken.Notes);
    }

    [Fact]
    public void Delta_where_the_live_schema_allows_only_full_is_stale()
    {
        var result = TablePlanValidator.Validate([Row("0010", "GLTran", "Delta", line: 7)], Live);

        Assert.Empty(result.Entries);
        var error = OneError(result, ErrorIds.TablePlanStale);
        Assert.Contains("Plan row 7 (0010/GLTran -> 0010$SL GLTran Buffer$", error.Message, StringComparison.Ordinal);
        Assert.Contains("asks for Delta, but the live schema allows at most Full: Change tracking is off for GLTran.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Use Full", error.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal("0010/GLTran", error.TargetObject);
    }

    [Theory]
    [InlineData("Full")]
    [InlineData("Delta")]
    public void Anything_but_skip_where_the_source_is_missing_is_stale(string method)
    {
        Assert.Equal(CopyMethod.Skip, Live.Entry("0030", "Site").CopyMethod);
        var result = TablePlanValidator.Validate([Row("0030", "Site", method)], Live);

        Assert.Empty(result.Entries);
        var error = OneError(result, ErrorIds.TablePlanStale);
        Assert.Contains("allows at most Skip", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Keep the table at Skip", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0040", "GLTran", "0040$SL GLTran Buffer$" + PlanFacts.AppId)]
    [InlineData("0010", "NoSuchTable", "0010$SL GLTran Buffer$" + PlanFacts.AppId)]
    [InlineData("0010", "GLTran", "0010$SL GLTran$" + PlanFacts.AppId)]
    [InlineData("0010", "GLTran", "0020$SL GLTran Buffer$" + PlanFacts.AppId)]
    public void A_row_for_an_unknown_company_table_or_destination_is_stale(string company, string table, string destination)
    {
        var rows = new[]
        {
            Row("0010", "Batch", "Delta", line: 1),
            new TablePlanRow { Company = company, SourceTable = table, DestinationTable = destination, CopyMethod = "Full", Line = 2 },
        };
        var result = TablePlanValidator.Validate(rows, Live);

        Assert.Equal("0010/Batch", Assert.Single(result.Entries).ToString());
        var error = OneError(result, ErrorIds.TablePlanStale);
        Assert.Contains("Plan row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("no longer matches the databases", error.Message, StringComparison.Ordinal);
        Assert.Contains("New-CmTablePlan", error.RecommendedAction, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Fast")]
    [InlineData("Incremental")]
    [InlineData("Delt")]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("Delta, Full")]
    [InlineData("Delta,Skip")]
    [InlineData("Full Skip")]
    public void A_copy_method_other_than_delta_full_or_skip_is_invalid(string? method)
    {
        var row = Row("0010", "Batch", "Delta", line: 4);
        var result = TablePlanValidator.Validate([new TablePlanRow { Company = row.Company, SourceTable = row.SourceTable, DestinationTable = row.DestinationTable, CopyMethod = method, Line = 4 }], Live);

        Assert.Empty(result.Entries);
        var error = OneError(result, ErrorIds.TablePlanInvalid);
        Assert.Contains($"Plan row 4 (0010/Batch -> 0010$SL Batch${PlanFacts.AppId}) has the copy method '{method}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("Set CopyMethod to Delta, Full or Skip.", error.RecommendedAction);
    }

    [Fact]
    public void A_repeated_row_is_invalid_and_the_first_is_taken()
    {
        var rows = new[]
        {
            Row("0010", "Batch", "Full", line: 1),
            Row("0010", "Batch", "Delta", line: 2),
            Row("0020", "Batch", "Delta", line: 3),
        };
        var result = TablePlanValidator.Validate(rows, Live);

        Assert.Equal(["0010/Batch", "0020/Batch"], result.Entries.Select(e => e.ToString()));
        Assert.Equal(CopyMethod.Full, result.Entries[0].CopyMethod);
        var error = OneError(result, ErrorIds.TablePlanInvalid);
        Assert.Contains("Plan row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("appears more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeat_that_differs_only_in_case_or_spaces_is_a_repeat()
    {
        var entry = Live.Entry("0010", "Batch");
        var rows = new[]
        {
            Row(entry, "Delta", line: 1),
            new TablePlanRow { Company = " 0010 ", SourceTable = "BATCH", DestinationTable = entry.DestinationTable.ToUpperInvariant(), CopyMethod = "Delta", Line = 2 },
        };
        var result = TablePlanValidator.Validate(rows, Live);

        Assert.Single(result.Entries);
        OneError(result, ErrorIds.TablePlanInvalid);
    }

    [Theory]
    [InlineData(null, "Batch", "x")]
    [InlineData("0010", "", "x")]
    [InlineData("0010", "Batch", " ")]
    public void A_row_without_company_source_or_destination_is_invalid(string? company, string? table, string? destination)
    {
        var result = TablePlanValidator.Validate([new TablePlanRow { Company = company, SourceTable = table, DestinationTable = destination, CopyMethod = "Full", Line = 9 }], Live);

        Assert.Empty(result.Entries);
        var error = OneError(result, ErrorIds.TablePlanInvalid);
        Assert.Contains("Plan row 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("lacks Company, SourceTable or DestinationTable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_methods_match_without_regard_to_case_or_outer_spaces()
    {
        var batch = Live.Entry("0010", "Batch");
        var glTran = Live.Entry("0020", "GLTran");
        var rows = new[]
        {
            new TablePlanRow { Company = "0010", SourceTable = "batch", DestinationTable = batch.DestinationTable.ToUpperInvariant(), CopyMethod = "full", Line = 1 },
            new TablePlanRow { Company = " 0020 ", SourceTable = " GLTRAN ", DestinationTable = " " + glTran.DestinationTable + " ", CopyMethod = " FULL ", Line = 2 },
            new TablePlanRow { Company = "0030", SourceTable = "Batch", DestinationTable = Live.Entry("0030", "Batch").DestinationTable, CopyMethod = "dElTa", Line = 3 },
        };
        var result = TablePlanValidator.Validate(rows, Live);

        Assert.Empty(result.Errors);
        Assert.Equal([CopyMethod.Full, CopyMethod.Full, CopyMethod.Delta], result.Entries.Select(e => e.CopyMethod));
        Assert.StartsWith("Set by the reviewed plan", result.Entries[0].Reason, StringComparison.Ordinal);
        Assert.Same(glTran, result.Entries[1]); // Full was the live method: the live entry as it is
        Assert.Equal("Batch", result.Entries[0].SourceTable); // the live names, not the row's spelling
    }

    [Fact]
    public void Every_bad_row_is_reported_and_the_good_ones_are_kept()
    {
        var rows = new[]
        {
            Row("0010", "Batch", "Skip", line: 1),
            Row("0010", "GLTran", "Delta", line: 2),
            Row("0020", "Batch", "Slow", line: 3),
            Row("0030", "Site", "Skip", line: 4),
        };
        var result = TablePlanValidator.Validate(rows, Live);

        Assert.Equal(["0010/Batch", "0030/Site"], result.Entries.Select(e => e.ToString()));
        Assert.Equal([ErrorIds.TablePlanStale, ErrorIds.TablePlanInvalid], result.Errors.Select(e => e.ErrorId));
    }

    [Fact]
    public void Validate_checks_its_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => TablePlanValidator.Validate(null!, Live));
        Assert.Throws<ArgumentNullException>(() => TablePlanValidator.Validate([], null!));
        var empty = TablePlanValidator.Validate([], Live);
        Assert.Empty(empty.Entries);
        Assert.Empty(empty.Errors);
    }

    [Fact]
    public void Skipping_an_entry_in_error_makes_it_ready_and_keeps_why_in_the_notes()
    {
        // A staging table whose key differs: planned Delta, but in error (50011).
        var live = PlanFacts.Plan(FactBuilder.SqlServer().ChangeStagingSchema("0010", "GLTran", t => t with { PrimaryKey = ["Module"] }));
        var broken = live.Entry("0010", "GLTran");
        Assert.Equal(PlanStatus.Error, broken.Status);
        Assert.NotEqual(CopyMethod.Skip, broken.CopyMethod);

        var result = TablePlanValidator.Validate([Row(broken, "Skip")], live);

        Assert.Empty(result.Errors);
        var entry = Assert.Single(result.Entries);
        Assert.Equal(CopyMethod.Skip, entry.CopyMethod);
        Assert.Equal(PlanStatus.Ready, entry.Status);
        Assert.Null(entry.Code);
        Assert.StartsWith("Skipped by the reviewed plan; it was: ", entry.Notes, StringComparison.Ordinal);
        Assert.Contains(broken.Notes, entry.Notes, StringComparison.Ordinal);
    }
}
