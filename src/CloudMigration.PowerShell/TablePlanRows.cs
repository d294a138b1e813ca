using System.Management.Automation;
using CloudMigration.Engine.Planning;

namespace CloudMigration.PowerShell;

/// <summary>Reviewed plan rows from what users pass: Import-Csv rows, [pscustomobject]s, plan entries, hashtables.</summary>
internal static class TablePlanRows
{
    public static TablePlanRow ToRow(PSObject value, int line) => new()
    {
        Company = Text(value, "Company"),
        SourceTable = Text(value, "SourceTable"),
        DestinationTable = Text(value, "DestinationTable"),
        CopyMethod = Text(value, "CopyMethod"),
        Line = line,
    };

    // Objects by property; hashtables by key, case-insensitively.
    public static string? Text(PSObject value, string property)
    {
        var raw = value.BaseObject is System.Collections.IDictionary map
            ? map.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k?.ToString(), property, StringComparison.OrdinalIgnoreCase)) is { } key ? map[key] : null
            : value.Properties[property]?.Value;
        return raw is null ? null : LanguagePrimitives.ConvertTo<string>(raw)?.Trim();
    }
}
