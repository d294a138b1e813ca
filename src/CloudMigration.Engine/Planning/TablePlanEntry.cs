namespace CloudMigration.Engine.Planning;

/// <summary>
/// One table of one company in the plan: where it comes from, where it goes, how it is copied.
/// Flat for reports and CSV round trips: lists read as "A, B, C" when turned into text.
/// </summary>
public sealed record TablePlanEntry
{
    /// <summary>The SL company id (the Business Central company name).</summary>
    public required string Company { get; init; }

    /// <summary>The SL application database the rows come from.</summary>
    public required string SourceDatabase { get; init; }

    public required string SourceTable { get; init; }

    /// <summary>The Business Central table's SQL name, for example <c>0010$SL Account$237981b4-...</c>.</summary>
    public required string DestinationTable { get; init; }

    public required CopyMethod CopyMethod { get; init; }

    /// <summary>Why this copy method.</summary>
    public required string Reason { get; init; }

    public required NameList KeyColumns { get; init; }

    /// <summary>The copied columns, mapped by name (tstamp dropped).</summary>
    public required ColumnMappingList Columns { get; init; }

    /// <summary>
    /// The type conversions on the way, summed up: "char->nvarchar x38, float->decimal(38,20) x10"; a length that
    /// changes is listed per column ("Descr char(30)->nvarchar(20)"). Columns has every column in detail.
    /// </summary>
    public NameList Conversions => ConversionSummary.Of(Columns);

    /// <summary>Whether only this company's rows are copied (the table has CpnyID) or the whole table.</summary>
    public required bool FilteredByCompany { get; init; }

    public long? EstimatedRows { get; init; }

    public double? EstimatedSizeMB { get; init; }

    public required PlanStatus Status { get; init; }

    /// <summary>Microsoft's code for a warning or error (50004: source table missing; 50011: schema mismatch).</summary>
    public int? Code { get; init; }

    public string Notes { get; init; } = string.Empty;

    /// <summary>Whether the mapping came from -Mapping rather than the default.</summary>
    public bool CustomMapping { get; init; }

    public override string ToString() => $"{Company}/{SourceTable}";
}
