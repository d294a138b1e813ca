using System.Data.Common;
using System.Diagnostics;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.DynamicsSL;

namespace CloudMigration.Engine.Replication.Verification;

/// <summary>What <see cref="ReplicationVerificationService.VerifyAsync"/> found: one result per verified table, and the selections that matched nothing.</summary>
public sealed class ReplicationVerification
{
    public required IReadOnlyList<TableVerificationResult> Results { get; init; }

    /// <summary>Company names without wildcards that matched no company of the source.</summary>
    public IReadOnlyList<string> UnmatchedCompanies { get; init; } = [];

    /// <summary>The error of each table that could not be compared (its result has Status Error), id TableVerificationFailed.</summary>
    public IReadOnlyList<CmException> Errors { get; init; } = [];

    /// <summary>Table names without wildcards that matched no copied table of the plan.</summary>
    public IReadOnlyList<string> UnmatchedTables { get; init; } = [];

    /// <summary>True when every table matched and every selection was found.</summary>
    public bool AllMatch => Results.All(r => r.Status == VerificationStatus.Match) && UnmatchedCompanies.Count == 0 && UnmatchedTables.Count == 0;
}

/// <summary>
/// Test-CmReplication: builds the table plan setup builds (<see cref="TablePlanService"/> on the same endpoints and
/// companies), keeps the entries setup copies (not skipped, not in error) and compares each with <see cref="TableVerifier"/>,
/// one table after another. Only reads. A table without a key is compared on all its columns. A table that cannot be compared (a database gone, a side not in key order) is a
/// result with Status Error and its reason; the others are still verified.
/// </summary>
public sealed class ReplicationVerificationService(VerificationOptions? options = null, SlCatalog? catalog = null)
{
    private const string Activity = "Verifying the replicated tables";
    private readonly TableVerifier verifier = new(options);

    /// <param name="source">The SL source, as given to setup.</param>
    /// <param name="destination">The Business Central database, as given to setup.</param>
    /// <param name="companies">Company ids or names (wildcards allowed); empty: every active company.</param>
    /// <param name="tables">Source or destination table names (wildcards allowed); empty: every copied table.</param>
    /// <param name="progress">Receives one report per table.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<ReplicationVerification> VerifyAsync(CmEndpoint source, CmEndpoint destination, IReadOnlyList<string> companies, IReadOnlyList<string> tables,
        IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(companies);
        ArgumentNullException.ThrowIfNull(tables);
        var plan = await new TablePlanService(catalog).BuildAsync(source, destination, new TablePlanOptions { Companies = companies }, progress, cancellationToken).ConfigureAwait(false);
        var copied = plan.Entries.Where(e => e.CopyMethod != CopyMethod.Skip && e.Status != PlanStatus.Error).ToList();
        var patterns = tables.Select(t => new NamePattern(t)).ToList();
        var selected = patterns.Count == 0 ? copied : copied.Where(e => patterns.Any(p => p.IsMatch(e.SourceTable) || p.IsMatch(e.DestinationTable))).ToList();
        var unmatchedTables = NamePattern.Unmatched(tables, copied, e => [e.SourceTable, e.DestinationTable]);

        var results = new List<TableVerificationResult>(selected.Count);
        var errors = new List<CmException>();
        for (var i = 0; i < selected.Count; i++)
        {
            var entry = selected[i];
            progress?.Report(new OperationProgress(Activity, $"{entry.Company}: {entry.SourceTable} ({i + 1} of {selected.Count})", selected.Count == 0 ? -1 : 100 * i / selected.Count));
            var watch = Stopwatch.StartNew();
            try
            {
                results.Add(TableVerificationResult.From(await verifier.VerifyAsync(source, destination, Keyed(entry), cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is CmException or DbException or InvalidOperationException or InvalidCastException or FormatException or OverflowException)
            {
                // One table's failure (a side unreadable, a value the conversion cannot read) is that table's result; the others go on.
                var error = Wrap(entry, ex);
                errors.Add(error);
                results.Add(TableVerificationResult.Failed(entry, error, watch.Elapsed));
            }
        }

        progress?.Report(new OperationProgress(Activity, $"{results.Count} tables verified", 100, Completed: true));
        return new ReplicationVerification { Results = results, Errors = errors, UnmatchedCompanies = plan.UnmatchedCompanies, UnmatchedTables = unmatchedTables };
    }

    /// <summary>
    /// A table without a key (SL's POAddress and SOAddress) is compared on all its copied columns as the key: each row is
    /// matched by its whole content, so a changed row shows as one missing and one extra row, and Different stays 0.
    /// </summary>
    private static TablePlanEntry Keyed(TablePlanEntry entry) =>
        entry.KeyColumns.Count > 0 || entry.Columns.Count == 0 ? entry : entry with { KeyColumns = new NameList(entry.Columns.Select(c => c.Destination).ToArray()) };

    private static CmException Wrap(TablePlanEntry entry, Exception error) =>
        new(ErrorIds.TableVerificationFailed, (error as CmException)?.Category ?? CmErrorCategory.ReadError,
            $"{entry.Company}/{entry.SourceTable} could not be verified against {entry.DestinationTable}: {error.Message}",
            error is CmException { RecommendedAction.Length: > 0 } cm ? cm.RecommendedAction
                : "Check that both databases are reachable and the table exists on both sides with the plan's columns (New-CmTablePlan), then run Test-CmReplication again.",
            entry.Company + "/" + entry.SourceTable, error);
}
