using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>The factory the load balancer chose, why (one sentence), and every usable factory in the order it ranked them.</summary>
public sealed record FactoryChoice(DataFactoryInfo Factory, string Reason, IReadOnlyList<DataFactoryInfo> Candidates);

/// <summary>
/// Picks the data factory that takes new work. Unhealthy factories are skipped; the rest are ranked, deterministically, by
/// <list type="number">
/// <item>fewest active runs (Queued, InProgress, Canceling): the load right now;</item>
/// <item>Healthy before Degraded: nothing needing attention;</item>
/// <item>fewest integration runtimes: fewest setups sharing the factory;</item>
/// <item>most Online nodes: the most capacity to run;</item>
/// <item>name, ordinal: a stable last word.</item>
/// </list>
/// The first of the ranking is chosen. No usable factory is <c>NoHealthyFactory</c>, which lists each factory's health reason.
/// </summary>
public static class LoadBalancer
{
    /// <summary>The usable factories (not Unhealthy), best first.</summary>
    public static IReadOnlyList<DataFactoryInfo> Rank(IEnumerable<DataFactoryInfo> factories)
    {
        ArgumentNullException.ThrowIfNull(factories);
        return factories.Where(f => f.Health != FactoryHealth.Unhealthy)
            .OrderBy(f => f.ActiveRuns)
            .ThenBy(f => f.Health == FactoryHealth.Healthy ? 0 : 1)
            .ThenBy(f => f.IntegrationRuntimes)
            .ThenByDescending(f => f.OnlineNodes)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static FactoryChoice Choose(IReadOnlyList<DataFactoryInfo> factories)
    {
        ArgumentNullException.ThrowIfNull(factories);
        var ranked = Rank(factories);
        if (ranked.Count == 0)
        {
            var message = factories.Count == 0
                ? "No data factory can take new work: none is registered."
                : "No data factory can take new work: " + string.Join("; ", factories.Select(f => $"'{f.Name}' is {f.Health}: {f.HealthReason}")) + ".";
            throw new CmException(ErrorIds.NoHealthyFactory, CmErrorCategory.ResourceUnavailable, message,
                factories.Count == 0
                    ? "Register a data factory first."
                    : "Bring a node of the factory's integration runtime online (start its run host), or register another data factory.",
                null);
        }

        var skipped = factories.Where(f => f.Health == FactoryHealth.Unhealthy).ToList();
        var explanation = Explain(ranked, skipped.Count);
        return new FactoryChoice(ranked[0], skipped.Count == 0 ? explanation
            : explanation + " Passed over: " + string.Join("; ", skipped.Select(f => $"'{f.Name}' ({f.HealthReason.TrimEnd('.')})")) + ".", ranked);
    }

    private static string Explain(IReadOnlyList<DataFactoryInfo> ranked, int unhealthy)
    {
        var best = ranked[0];
        if (ranked.Count == 1)
        {
            return unhealthy == 0
                ? $"'{best.Name}' is the only data factory."
                : $"'{best.Name}' is the only data factory that can take new work ({unhealthy} other(s) Unhealthy).";
        }

        var next = ranked[1];
        if (best.ActiveRuns != next.ActiveRuns)
        {
            return $"'{best.Name}' has the fewest active runs ({best.ActiveRuns}; next is '{next.Name}' with {next.ActiveRuns}).";
        }

        if (best.Health != next.Health)
        {
            return $"'{best.Name}' is Healthy and '{next.Name}', with as many active runs ({best.ActiveRuns}), is {next.Health}.";
        }

        if (best.IntegrationRuntimes != next.IntegrationRuntimes)
        {
            return $"'{best.Name}' has the fewest integration runtimes ({best.IntegrationRuntimes}; '{next.Name}' has {next.IntegrationRuntimes}) among factories with {best.ActiveRuns} active run(s).";
        }

        if (best.OnlineNodes != next.OnlineNodes)
        {
            return $"'{best.Name}' has the most Online nodes ({best.OnlineNodes}; '{next.Name}' has {next.OnlineNodes}) among equally loaded factories.";
        }

        return $"'{best.Name}' and '{next.Name}' are equally loaded, and '{best.Name}' comes first by name.";
    }
}
