using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Planning;

/// <summary>
/// The tables to copy: Microsoft's default mapping of the SL tables, with custom mappings applied on top.
/// A custom mapping replaces the default of the same source table; one destination table is fed by at
/// most one source table (Business Central's "Migration Table Mapping" rule).
/// </summary>
public sealed class MappingSet
{
    private MappingSet(IReadOnlyList<TableMapping> mappings) => Mappings = mappings;

    public IReadOnlyList<TableMapping> Mappings { get; }

    public static MappingSet Default(SlCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MappingSet(catalog.Tables.Select(t => new TableMapping(t.Name, t.BcTable, t.PerCompany, catalog.App.Id, IsCustom: false)).ToArray());
    }

    /// <summary>The default mapping with <paramref name="custom"/> applied; throws a CmException for an invalid or conflicting mapping.</summary>
    public static MappingSet Create(SlCatalog catalog, IEnumerable<TableMappingInput> custom)
    {
        ArgumentNullException.ThrowIfNull(custom);
        var defaults = Default(catalog).Mappings;
        var removed = new HashSet<TableMapping>();
        var defaultsBySource = defaults.ToLookup(m => m.SourceTable, StringComparer.OrdinalIgnoreCase);
        var defaultsByDestination = defaults.ToLookup(DestinationKey, StringComparer.OrdinalIgnoreCase);
        var customs = new List<TableMapping>();
        var customByDestination = new Dictionary<string, TableMapping>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var input in custom)
        {
            index++;
            if (string.IsNullOrWhiteSpace(input.SourceTable) || string.IsNullOrWhiteSpace(input.DestinationTable))
            {
                throw new CmException(ErrorIds.TableMappingInvalid, CmErrorCategory.InvalidArgument,
                    $"Mapping {index} lacks {(string.IsNullOrWhiteSpace(input.SourceTable) ? "SourceTable" : "DestinationTable")}.",
                    "Give every mapping a SourceTable (the SL table) and a DestinationTable (the Business Central table name, for example 'SL Account').",
                    input);
            }

            var mapping = new TableMapping(input.SourceTable.Trim(), input.DestinationTable.Trim(), input.PerCompany ?? true, input.AppId ?? catalog.App.Id, IsCustom: true);
            var key = DestinationKey(mapping);
            if (customByDestination.TryGetValue(key, out var clash))
            {
                if (string.Equals(clash.SourceTable, mapping.SourceTable, StringComparison.OrdinalIgnoreCase))
                {
                    // The same mapping twice: the later one wins (its spelling of the names, its PerCompany).
                    customs[customs.IndexOf(clash)] = mapping;
                    customByDestination[key] = mapping;
                    continue;
                }

                throw new CmException(ErrorIds.TableMappingDuplicateDestination, CmErrorCategory.InvalidArgument,
                    $"The destination table '{mapping.DestinationTable}' would be fed by both '{clash.SourceTable}' and '{mapping.SourceTable}'; a destination table takes one source table.",
                    "Keep one mapping per destination table.", mapping.DestinationTable);
            }

            // A custom mapping replaces the default of its source table, and the default that fed its destination.
            removed.UnionWith(defaultsBySource[mapping.SourceTable]);
            removed.UnionWith(defaultsByDestination[key]);
            customByDestination[key] = mapping;
            customs.Add(mapping);
        }

        return new MappingSet(defaults.Where(m => !removed.Contains(m)).Concat(customs).ToArray());
    }

    private static string DestinationKey(TableMapping m) => m.AppId.ToString("N") + (m.PerCompany ? "|c|" : "|d|") + m.DestinationTable;

}
