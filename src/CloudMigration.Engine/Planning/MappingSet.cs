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
        var result = Default(catalog).Mappings.ToList();
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
            result.RemoveAll(m => string.Equals(m.SourceTable, mapping.SourceTable, StringComparison.OrdinalIgnoreCase)
                                  && (!m.IsCustom || string.Equals(m.DestinationTable, mapping.DestinationTable, StringComparison.OrdinalIgnoreCase)));
            // A custom mapping to a destination a default fed replaces that default too.
            result.RemoveAll(m => !m.IsCustom && SameDestination(m, mapping));
            var clash = result.FirstOrDefault(m => SameDestination(m, mapping));
            if (clash is not null)
            {
                throw new CmException(ErrorIds.TableMappingDuplicateDestination, CmErrorCategory.InvalidArgument,
                    $"The destination table '{mapping.DestinationTable}' would be fed by both '{clash.SourceTable}' and '{mapping.SourceTable}'; a destination table takes one source table.",
                    "Keep one mapping per destination table.", mapping.DestinationTable);
            }

            result.Add(mapping);
        }

        return new MappingSet(result);
    }

    private static bool SameDestination(TableMapping a, TableMapping b) =>
        a.AppId == b.AppId && a.PerCompany == b.PerCompany && string.Equals(a.DestinationTable, b.DestinationTable, StringComparison.OrdinalIgnoreCase);
}
