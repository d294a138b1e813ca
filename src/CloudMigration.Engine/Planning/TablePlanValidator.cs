using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Planning;

/// <summary>
/// Re-validates a reviewed plan against a plan built from the live schemas. Each row must still
/// describe a live entry (same company, source table and destination table); its copy method may be
/// lowered (Delta to Full, anything to Skip) but not raised beyond what the live schema allows
/// (Delta only where change tracking covers the table; nothing but Skip where the source is missing).
/// </summary>
public static class TablePlanValidator
{
    public sealed record Result(IReadOnlyList<TablePlanEntry> Entries, IReadOnlyList<CmException> Errors);

    public static Result Validate(IReadOnlyList<TablePlanRow> rows, IReadOnlyList<TablePlanEntry> live)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(live);
        var byKey = new Dictionary<string, TablePlanEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in live)
        {
            byKey[Key(entry.Company, entry.SourceTable, entry.DestinationTable)] = entry;
        }

        var entries = new List<TablePlanEntry>(rows.Count);
        var errors = new List<CmException>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var where = $"Plan row {row.Line} ({row.Company}/{row.SourceTable} -> {row.DestinationTable})";
            if (string.IsNullOrWhiteSpace(row.Company) || string.IsNullOrWhiteSpace(row.SourceTable) || string.IsNullOrWhiteSpace(row.DestinationTable))
            {
                errors.Add(new CmException(ErrorIds.TablePlanInvalid, CmErrorCategory.InvalidData,
                    $"{where} lacks Company, SourceTable or DestinationTable.",
                    "Give plan rows as New-CmTablePlan writes them (Export-Csv keeps every column).", row.ToString()));
                continue;
            }

            // Names only: Enum.TryParse also takes numbers ("1" is Full) and lists ("Delta, Full" is Full too).
            var methodText = row.CopyMethod?.Trim();
            if (!Enum.GetNames<CopyMethod>().Contains(methodText, StringComparer.OrdinalIgnoreCase) || !Enum.TryParse<CopyMethod>(methodText, ignoreCase: true, out var method))
            {
                errors.Add(new CmException(ErrorIds.TablePlanInvalid, CmErrorCategory.InvalidData,
                    $"{where} has the copy method '{row.CopyMethod}'; it must be Delta, Full or Skip (ConvertTo-Json needs -EnumsAsStrings to write them as names).",
                    "Set CopyMethod to Delta, Full or Skip.", row.ToString()));
                continue;
            }

            var key = Key(row.Company, row.SourceTable, row.DestinationTable);
            if (!seen.Add(key))
            {
                errors.Add(new CmException(ErrorIds.TablePlanInvalid, CmErrorCategory.InvalidData,
                    $"{where} appears more than once.", "Keep one row per company and table.", row.ToString()));
                continue;
            }

            if (!byKey.TryGetValue(key, out var current))
            {
                errors.Add(new CmException(ErrorIds.TablePlanStale, CmErrorCategory.InvalidData,
                    $"{where} no longer matches the databases: the company, the source table or the destination table is gone or maps elsewhere.",
                    "Build a fresh plan with New-CmTablePlan and review it again.", row.ToString()));
                continue;
            }

            if (Rank(method) > Rank(current.CopyMethod))
            {
                errors.Add(new CmException(ErrorIds.TablePlanStale, CmErrorCategory.InvalidData,
                    $"{where} asks for {method}, but the live schema allows at most {current.CopyMethod}: {current.Reason}",
                    current.CopyMethod == CopyMethod.Skip ? "Keep the table at Skip, or restore it and build a fresh plan." : $"Use {current.CopyMethod} (or enable change tracking for the table and build a fresh plan).",
                    row.ToString()));
                continue;
            }

            entries.Add(method == current.CopyMethod ? current : With(current, method));

        }

        return new Result(entries, errors);
    }

    // Skip < Full < Delta: a reviewer may lower a method, not raise it.
    private static int Rank(CopyMethod method) => method switch
    {
        CopyMethod.Skip => 0,
        CopyMethod.Full => 1,
        _ => 2,
    };

    // A table the reviewer skips is no longer in the way: its error (a missing or mismatched staging table) stays in the notes.
    private static TablePlanEntry With(TablePlanEntry entry, CopyMethod method)
    {
        var changed = entry with
        {
            CopyMethod = method,
            Reason = "Set by the reviewed plan (" + entry.CopyMethod + " was possible): " + entry.Reason,
        };
        return method == CopyMethod.Skip && entry.Status == PlanStatus.Error
            ? changed with { Status = PlanStatus.Ready, Code = null, Notes = "Skipped by the reviewed plan; it was: " + entry.Notes }
            : changed;
    }

    private static string Key(string? company, string? source, string? destination) => company?.Trim() + "\u001f" + source?.Trim() + "\u001f" + destination?.Trim();
}
