namespace CloudMigration.Engine.Factories;

/// <summary>
/// When a self-hosted IR node counts as Online, and what that makes of its integration runtime.
/// A node is Online when it was heard from (registered or heartbeat) within <see cref="Interval"/>;
/// a running <see cref="LocalRunHost"/> heartbeats on every poll, far more often than that.
/// </summary>
public static class NodeLiveness
{
    /// <summary>A node not heard from for 2 minutes is Offline.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A run host (one <see cref="LocalRunHost"/> instance, heartbeating on every poll) on another machine not heard from for
    /// 30 seconds is gone, and so are the runs it claimed; on this machine a host is gone at once when its process ended
    /// (<see cref="RunHostProcess.HasEnded"/>). Unlike the node's <see cref="Interval"/>, this does not depend on the node
    /// name: another process hosting a node of the same name keeps the node Online, not the runs of a killed host.
    /// </summary>
    public static readonly TimeSpan HostInterval = TimeSpan.FromSeconds(30);

    public const string Online = "Online";

    public const string Offline = "Offline";

    /// <summary>Online when <paramref name="lastContact"/> is no more than <see cref="Interval"/> before <paramref name="now"/>.</summary>
    public static bool IsOnline(DateTimeOffset lastContact, DateTimeOffset now) => now - lastContact <= Interval;

    /// <summary>ADF's rule: no nodes NeedRegistration; every node Online; some Limited; none Offline.</summary>
    public static IntegrationRuntimeState StateOf(int nodes, int onlineNodes) =>
        nodes == 0 ? IntegrationRuntimeState.NeedRegistration
        : onlineNodes == nodes ? IntegrationRuntimeState.Online
        : onlineNodes > 0 ? IntegrationRuntimeState.Limited
        : IntegrationRuntimeState.Offline;
}
