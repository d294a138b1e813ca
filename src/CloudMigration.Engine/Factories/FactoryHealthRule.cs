namespace CloudMigration.Engine.Factories;

/// <summary>A factory's health and the one sentence that explains it.</summary>
public sealed record FactoryHealthVerdict(FactoryHealth Health, string Reason);

/// <summary>
/// How healthy a factory is, judged from its integration runtimes:
/// <list type="bullet">
/// <item><b>Unhealthy</b> when it has at least one IR and every IR is Offline (registered nodes, none heard from within
/// <see cref="NodeLiveness.Interval"/>), or when its store cannot be read;</item>
/// <item><b>Degraded</b> when some IR is Limited or Offline;</item>
/// <item><b>Healthy</b> otherwise, including a factory with no IR yet and IRs still waiting for their first node
/// (NeedRegistration: a new setup, not a failure).</item>
/// </list>
/// The load balancer gives new work only to Healthy and Degraded factories.
/// </summary>
public static class FactoryHealthRule
{
    public static FactoryHealthVerdict Evaluate(IReadOnlyCollection<IntegrationRuntimeInfo> runtimes)
    {
        ArgumentNullException.ThrowIfNull(runtimes);
        if (runtimes.Count == 0)
        {
            return new(FactoryHealth.Healthy, "No integration runtime yet.");
        }

        var offline = runtimes.Where(r => r.State == IntegrationRuntimeState.Offline).ToList();
        var limited = runtimes.Where(r => r.State == IntegrationRuntimeState.Limited).ToList();
        if (offline.Count == runtimes.Count)
        {
            return new(FactoryHealth.Unhealthy, $"Every integration runtime is Offline: {Describe(offline)}.");
        }

        if (offline.Count + limited.Count > 0)
        {
            return new(FactoryHealth.Degraded, $"Not every node is Online: {Describe(limited.Concat(offline))}.");
        }

        var waiting = runtimes.Count(r => r.State == IntegrationRuntimeState.NeedRegistration);
        return new(FactoryHealth.Healthy, waiting == 0
            ? $"Every integration runtime is Online ({runtimes.Count})."
            : $"{runtimes.Count - waiting} integration runtime(s) Online, {waiting} waiting for their first node.");
    }

    /// <summary>The verdict for a factory whose store cannot be read.</summary>
    public static FactoryHealthVerdict Unreadable(string error) => new(FactoryHealth.Unhealthy, $"Its store cannot be read: {error}");

    private static string Describe(IEnumerable<IntegrationRuntimeInfo> runtimes) =>
        string.Join(", ", runtimes.Select(r =>
            $"'{r.Name}' {r.State} ({r.Nodes.Count(n => n.Status == NodeLiveness.Online)} of {r.Nodes.Count} nodes Online)"));
}
