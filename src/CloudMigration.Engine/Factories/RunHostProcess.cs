using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The process a <see cref="LocalRunHost"/> lives in: its machine, process id and start time, recorded with every run it
/// claims, so that the sweep can tell a run whose process was killed from one that is still executing. On Linux the start
/// is also kept as the kernel's clock ticks since boot (<see cref="StartTicks"/>), which, unlike a wall-clock start time
/// computed from them, does not move when the system clock is set.
/// </summary>
public sealed record RunHostProcess(string MachineName, int ProcessId, DateTimeOffset StartTime, long? StartTicks = null)
{
    // Wall-clock start times read back from the system may differ by rounding; a reused pid starts far later.
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(1);

    /// <summary>This process.</summary>
    public static RunHostProcess Current { get; } = OfCurrentProcess();

    /// <summary>Whether the process ran on this machine (where its end can be seen at once).</summary>
    public bool IsOnThisMachine => string.Equals(MachineName, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the process is known to have ended: it ran on this machine and no process has its id now, or the process
    /// with its id started at another time (the id was reused), or it is a zombie. False when it runs, when it ran
    /// elsewhere, or when this process may not look at it.
    /// </summary>
    public bool HasEnded()
    {
        if (!IsOnThisMachine)
        {
            return false;
        }

        if (ProcessId == Environment.ProcessId)
        {
            return StartedOtherwise(Current.StartTicks, () => Current.StartTime);
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            var (zombie, ticks) = LinuxStat(ProcessId);
            return process.HasExited || zombie || StartedOtherwise(ticks, () => StartOf(process));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return true; // no process has this id (any more)
        }
        catch (Exception ex) when (ex is Win32Exception or NotSupportedException or UnauthorizedAccessException)
        {
            return false; // it exists, but this process may not read it: assume it still runs
        }
    }

    // Whether the process now using the id started at another time than the one recorded: by clock ticks when both are known.
    private bool StartedOtherwise(long? observedTicks, Func<DateTimeOffset> observedStart) =>
        StartTicks is { } recorded && observedTicks is { } observed
            ? recorded != observed
            : (observedStart() - StartTime).Duration() > StartTimeTolerance;

    private static DateTimeOffset StartOf(Process process) => new(process.StartTime.ToUniversalTime());

    // Linux: /proc/<pid>/stat's state (a killed process its parent has not reaped yet is a zombie, "Z", that runs nothing)
    // and start time in clock ticks since boot (field 22). Elsewhere, or unreadable: (false, null).
    private static (bool Zombie, long? StartTicks) LinuxStat(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (false, null);
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var zombie = fields.Length > 0 && fields[0] is "Z" or "X";
            return (zombie, fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null);
        }
        catch (IOException)
        {
            return (false, null);
        }
    }

    private static RunHostProcess OfCurrentProcess()
    {
        using var process = Process.GetCurrentProcess();
        return new RunHostProcess(Environment.MachineName, process.Id, StartOf(process), LinuxStat(process.Id).StartTicks);
    }
}
