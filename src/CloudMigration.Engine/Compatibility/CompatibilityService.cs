using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Compatibility;

/// <summary>
/// Test-CmCompatibility: gathers the facts of both sides (read-only), then lets every rule judge them.
/// A side that cannot be reached becomes a failed Connectivity result (and a connection error); a database
/// of the wrong kind stops the test, since no rule could say anything useful about it.
/// </summary>
public sealed class CompatibilityService(SlCatalog? catalog = null)
{
    private const string Activity = "Testing cloud migration compatibility";
    private readonly SlCatalog catalog = catalog ?? SlCatalog.Default;

    public async Task<CompatibilityReport> TestAsync(CmEndpoint source, CmEndpoint destination, CompatibilityOptions options,
        IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var step = 0;
        void Status(string text) => progress?.Report(new OperationProgress(Activity, text, Math.Min(90, 10 * ++step)));

        Status("Connecting to the source");
        var (sourceConnection, sourceOutcome) = await TryOpenAsync(source, CompatibilityTargetType.Source, cancellationToken).ConfigureAwait(false);
        await using var sourceScope = sourceConnection;
        Status("Connecting to the destination");
        var (destinationConnection, destinationOutcome) = await TryOpenAsync(destination, CompatibilityTargetType.Destination, cancellationToken).ConfigureAwait(false);
        await using var destinationScope = destinationConnection;

        // SQLite opens a file lazily: one that is not a database (or cannot be read) fails on the first read, not on open.
        SourceFactGatherer.Result? sourceResult = null;
        if (sourceConnection is not null)
        {
            try
            {
                sourceResult = await new SourceFactGatherer(catalog).GatherAsync(sourceConnection, source, new CompanyQuery { Names = options.Companies }, Status, cancellationToken).ConfigureAwait(false);
            }
            catch (CmException ex) when (IsConnectionError(ex))
            {
                sourceOutcome = new ConnectionOutcome { Side = CompatibilityTargetType.Source, Endpoint = source, Error = ex };
            }
        }

        DestinationFacts? destinationFacts = null;
        if (destinationConnection is not null)
        {
            Status("Reading the destination");
            var mappings = Planning.MappingSet.Default(catalog).Mappings;
            var tables = (sourceResult?.Selected ?? []).SelectMany(c => mappings.Select(m => m.SqlName(c.Id)));
            try
            {
                destinationFacts = await new DestinationFactGatherer().GatherAsync(destinationConnection, destination, tables, cancellationToken).ConfigureAwait(false);
            }
            catch (CmException ex) when (IsConnectionError(ex))
            {
                destinationOutcome = new ConnectionOutcome { Side = CompatibilityTargetType.Destination, Endpoint = destination, Error = ex };
            }
        }

        Status("Judging");
        var context = new CompatibilityContext
        {
            Source = sourceResult?.Facts,
            Destination = destinationFacts,
            SourceConnection = sourceOutcome,
            DestinationConnection = destinationOutcome,
            SelectedCompanies = sourceResult?.Selected ?? [],
            Catalog = catalog,
            Options = options,
        };
        var results = CompatibilityRules.Evaluate(context);
        progress?.Report(new OperationProgress(Activity, "Done", 100, Completed: true));
        var report = new CompatibilityReport
        {
            Results = results,
            UnmatchedCompanies = sourceResult?.UnmatchedCompanies ?? [],
            ConnectionErrors = new[] { sourceOutcome.Error, destinationOutcome.Error }.OfType<CmException>().ToArray(),
        };
        Telemetry.Telemetry.Emit(TelemetryEvents.CompatibilityTested, (TelemetryEvents.Product, "DynamicsSL"), ("passed", results.Count(r => r.Status == CompatibilityStatus.Passed)), ("warning", results.Count(r => r.Status == CompatibilityStatus.Warning)), ("failed", results.Count(r => r.Status == CompatibilityStatus.Failed)), ("selectedCompanies", context.SelectedCompanies.Count), ("ready", report.Ready));
        return report;
    }

    private static async Task<(DbConnection? Connection, ConnectionOutcome Outcome)> TryOpenAsync(CmEndpoint endpoint, CompatibilityTargetType side, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await SqlProviders.For(endpoint).OpenAsync(endpoint, write: false, cancellationToken).ConfigureAwait(false);
            return (connection, new ConnectionOutcome { Side = side, Endpoint = endpoint });
        }
        catch (CmException ex) when (IsConnectionError(ex))
        {
            return (null, new ConnectionOutcome { Side = side, Endpoint = endpoint, Error = ex });
        }
    }

    /// <summary>Errors that mean a side could not be reached or read (a Connectivity result), as opposed to a database of the wrong kind.</summary>
    private static bool IsConnectionError(CmException ex) =>
        ex.ErrorId is ErrorIds.ServerUnreachable or ErrorIds.LoginFailed or ErrorIds.DatabaseNotFound or ErrorIds.PermissionDenied or ErrorIds.NotASqliteDatabase;
}
