namespace CloudMigration.Engine.Factories;

/// <summary>Whether the load balancer may give a factory new work.</summary>
public enum FactoryHealth
{
    Healthy,

    /// <summary>Usable, but something needs attention (for example an integration runtime is Limited).</summary>
    Degraded,

    /// <summary>Skipped by the load balancer (see HealthReason).</summary>
    Unhealthy,
}
