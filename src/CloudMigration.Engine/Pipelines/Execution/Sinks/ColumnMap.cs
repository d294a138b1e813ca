using System.Data.Common;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>
/// Which source column goes into which sink column: by name (exact, then ignoring case) as ADF's default mapping
/// does, or as a TabularTranslator's mappings say. A source column with no sink column fails the copy.
/// </summary>
internal sealed record ColumnMap(IReadOnlyList<int> SourceOrdinals, IReadOnlyList<string> SinkColumns)
{
    public static ColumnMap Build(DbDataReader source, JsonObject? translator, SinkTable sink)
    {
        var sourceNames = Enumerable.Range(0, source.FieldCount).Select(source.GetName).ToArray();
        var pairs = new List<(string Source, string Sink)>();
        if (translator?["mappings"] is JsonArray mappings && mappings.Count > 0)
        {
            foreach (var mapping in mappings.OfType<JsonObject>())
            {
                pairs.Add((AdfJson.GetString(AdfJson.GetObject(mapping, "source"), "name") ?? string.Empty,
                           AdfJson.GetString(AdfJson.GetObject(mapping, "sink"), "name") ?? string.Empty));
            }
        }
        else
        {
            pairs.AddRange(sourceNames.Select(n => (n, n)));
        }

        var ordinals = new List<int>();
        var sinkColumns = new List<string>();
        foreach (var (sourceName, sinkName) in pairs)
        {
            var ordinal = Find(sourceNames, sourceName);
            if (ordinal < 0)
            {
                throw new ActivityFailure("UserErrorInvalidColumnMappingColumnNotFound",
                    $"Column '{sourceName}' specified in the column mapping cannot be found in the source data.");
            }

            var column = sink.Columns.FirstOrDefault(c => string.Equals(c.Name, sinkName, StringComparison.Ordinal))
                ?? sink.Columns.FirstOrDefault(c => string.Equals(c.Name, sinkName, StringComparison.OrdinalIgnoreCase))
                ?? throw new ActivityFailure("UserErrorInvalidColumnMappingColumnNotFound",
                    $"Column '{sinkName}' of the source cannot be found in the sink table {sink.QuotedName}.");
            if (!column.Writable)
            {
                throw new ActivityFailure("UserErrorInvalidColumnMapping",
                    $"Column '{column.Name}' of the sink table {sink.QuotedName} is computed, an identity or a rowversion column; values cannot be copied into it.");
            }

            if (sinkColumns.Contains(column.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ActivityFailure("UserErrorInvalidColumnMapping", $"Column '{column.Name}' of the sink table {sink.QuotedName} is mapped more than once.");
            }

            ordinals.Add(ordinal);
            sinkColumns.Add(column.Name);
        }

        return new ColumnMap(ordinals, sinkColumns);
    }

    private static int Find(string[] names, string name)
    {
        var exact = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.Ordinal));
        return exact >= 0 ? exact : Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }
}
