using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Planning;

/// <summary>
/// New-CmTablePlan: reads the schemas of both sides (a constant number of queries per database), then
/// plans every company and mapping with <see cref="TablePlanner"/>. A reviewed plan is re-validated
/// against a plan built the same way.
/// </summary>
public sealed class TablePlanService(SlCatalog? catalog = null)
{
    private const string Activity = "Building the table plan";
    private readonly SlCatalog catalog = catalog ?? SlCatalog.Default;

    public async Task<TablePlan> BuildAsync(CmEndpoint source, CmEndpoint destination, TablePlanOptions options,
        IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mappings = MappingSet.Create(catalog, options.Mappings);
        var (entries, unmatched) = await PlanAsync(source, destination, options.Companies, mappings, progress, cancellationToken).ConfigureAwait(false);
        Telemetry.Telemetry.Emit(TelemetryEvents.TablePlanBuilt, (TelemetryEvents.Product, "DynamicsSL"), ("entries", entries.Count), ("companies", entries.Select(e => e.Company).Distinct(StringComparer.OrdinalIgnoreCase).Count()), ("delta", entries.Count(e => e.CopyMethod == CopyMethod.Delta)), ("full", entries.Count(e => e.CopyMethod == CopyMethod.Full)), ("skip", entries.Count(e => e.CopyMethod == CopyMethod.Skip)));
        return new TablePlan { Entries = entries, UnmatchedCompanies = unmatched };
    }

    /// <summary>
    /// Re-validates reviewed rows (an exported plan read back) against the live schemas: the companies and
    /// mappings come from the rows; every row must still match, and its copy method may only be lowered.
    /// </summary>
    public async Task<TablePlan> ValidateAsync(CmEndpoint source, CmEndpoint destination, IReadOnlyList<TablePlanRow> rows,
        IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var defaults = MappingSet.Default(catalog);
        var complete = rows.Where(r => !string.IsNullOrWhiteSpace(r.Company) && !string.IsNullOrWhiteSpace(r.SourceTable) && !string.IsNullOrWhiteSpace(r.DestinationTable)).ToArray();

        // Each company is planned with the custom mappings its own rows show (plans of several runs may be put together),
        // and companies with the same mappings are planned together.
        var live = new List<TablePlanEntry>();
        var groups = complete.GroupBy(r => r.Company!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => (Company: g.Key, Custom: CustomMappings(defaults, g.Key, g)))
            .GroupBy(c => string.Join("\u001e", c.Custom.Select(m => $"{m.SourceTable}\u001f{m.DestinationTable}\u001f{m.PerCompany}\u001f{m.AppId}")), StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            MappingSet mappings;
            try
            {
                mappings = MappingSet.Create(catalog, group.First().Custom);
            }
            catch (CmException ex) when (ex.ErrorId == ErrorIds.TableMappingDuplicateDestination)
            {
                throw new CmException(ErrorIds.TablePlanInvalid, CmErrorCategory.InvalidData, "The reviewed plan feeds one destination table from two source tables: " + ex.Message,
                    "Keep one source table per destination table in the plan.", ex.TargetObject);
            }

            // Exact ids: a company of the plan that no longer exists makes its rows stale, not a separate error.
            var companies = group.Select(c => NamePattern.Escape(c.Company)).ToArray();
            var (entries, _) = await PlanAsync(source, destination, companies, mappings, progress, cancellationToken).ConfigureAwait(false);
            live.AddRange(entries);
        }

        var result = TablePlanValidator.Validate(rows, live);
        return new TablePlan { Entries = result.Entries, RowErrors = result.Errors };
    }

    /// <summary>The custom mappings a company's rows imply: rows whose destination is not the default one of their source table.</summary>
    private static List<TableMappingInput> CustomMappings(MappingSet defaults, string company, IEnumerable<TablePlanRow> rows)
    {
        var custom = new List<TableMappingInput>();
        foreach (var row in rows)
        {
            var sourceTable = row.SourceTable!.Trim();
            var destinationTable = row.DestinationTable!.Trim();
            var isDefault = defaults.Mappings.Any(m => string.Equals(m.SourceTable, sourceTable, StringComparison.OrdinalIgnoreCase)
                                                       && string.Equals(m.SqlName(company), destinationTable, StringComparison.OrdinalIgnoreCase));
            if (!isDefault && DestinationTableName.Parse(destinationTable, company, sourceTable) is { } parsed
                && !custom.Any(c => string.Equals(c.SourceTable, parsed.SourceTable, StringComparison.OrdinalIgnoreCase) && string.Equals(c.DestinationTable, parsed.DestinationTable, StringComparison.OrdinalIgnoreCase)))
            {
                custom.Add(new TableMappingInput { SourceTable = parsed.SourceTable, DestinationTable = parsed.DestinationTable, PerCompany = parsed.PerCompany, AppId = parsed.AppId });
            }
        }

        return custom.OrderBy(c => c.SourceTable, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.DestinationTable, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<(IReadOnlyList<TablePlanEntry> Entries, IReadOnlyList<string> Unmatched)> PlanAsync(CmEndpoint source, CmEndpoint destination,
        IReadOnlyList<string> companies, MappingSet mappings, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var step = 0;
        void Status(string text) => progress?.Report(new OperationProgress(Activity, text, Math.Min(90, 10 * ++step)));

        var sourceTables = mappings.Mappings.Select(m => m.SourceTable).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        SourceFactGatherer.Result sourceResult;
        Status("Reading the source");
        var sourceProvider = SqlProviders.For(source);
        await using (var connection = await sourceProvider.OpenAsync(source, write: false, cancellationToken).ConfigureAwait(false))
        {
            sourceResult = await new SourceFactGatherer(sourceTables, countRows: true)
                .GatherAsync(connection, source, new CompanyQuery { Names = companies }, Status, cancellationToken).ConfigureAwait(false);
        }

        Status("Reading the destination");
        DestinationFacts destinationFacts;
        var destinationProvider = SqlProviders.For(destination);
        await using (var connection = await destinationProvider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false))
        {
            var tables = sourceResult.Selected.SelectMany(c => mappings.Mappings.Select(m => m.SqlName(c.Id)));
            destinationFacts = await new DestinationFactGatherer().GatherAsync(connection, destination, tables, cancellationToken).ConfigureAwait(false);
        }

        Status("Planning");
        var entries = TablePlanner.Plan(new PlanInput
        {
            Source = sourceResult.Facts,
            Destination = destinationFacts,
            Companies = sourceResult.Selected,
            Mappings = mappings,
        });
        progress?.Report(new OperationProgress(Activity, "Done", 100, Completed: true));
        return (entries, sourceResult.UnmatchedCompanies);
    }
}
