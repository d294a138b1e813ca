using System.ComponentModel;
using System.Diagnostics;

namespace CloudMigration.Engine.Factories;

/// <summary>
/// The process a <see cref="LocalRunHost"/> lives in: its machine, process id and start time, recorded with every run it
/// claims, so that the sweep can tell a run whose process was killed from one that is still executing.
/// </summary>
public sealed record RunHostProcess(string MachineName, int ProcessId, DateTimeOffset StartTime)
{
    // Process start times read back from the system may differ by rounding; a reused pid starts far later.
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(1);

    /// <summary>This process.</summary>
    public static RunHostProcess Current { get; } = OfCurrentProcess();

    /// <summary>Whether the process ran on this machine (where its end can be seen at once).</summary>
    public bool IsOnThisMachine => string.Equals(MachineName, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the process is known to have ended: it ran on this machine and no process has its id now, or the process
    /// with its id started at another time (the id was reused). False when it runs, when it ran elsewhere, or when this
    /// process may not look at it.
    /// </summary>
    public bool HasEnded()
    {
        if (!IsOnThisMachine)
        {
            return false;
        }

        if (ProcessId == Environment.ProcessId)
        {
            return (StartTime - Current.StartTime).Duration() > StartTimeTolerance;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return process.HasExited || IsZombie(ProcessId)
                || (new DateTimeOffset(process.StartTime.ToUniversalTime()) - StartTime).Duration() > StartTimeTolerance;
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

    // Linux: a killed process its parent has not reaped yet still has its id, as a zombie ("Z") that runs nothing.
    private static bool IsZombie(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var state = stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart();
            return state.Length > 0 && state[0] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static RunHostProcess OfCurrentProcess()
    {
        using var process = Process.GetCurrentProcess();
        return new RunHostProcess(Environment.MachineName, process.Id, new DateTimeOffset(process.StartTime.ToUniversalTime()));
    }
}
