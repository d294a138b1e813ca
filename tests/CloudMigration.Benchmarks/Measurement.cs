using System.Diagnostics;

namespace CloudMigration.Benchmarks;

/// <summary>Times a piece of work (median of several runs after a warm-up) and the memory it keeps and allocates.</summary>
internal sealed record Measurement(string Name, double MedianMs, double MinMs, double RetainedMB, double AllocatedMB, int Items)
{
    // Its own frame, so that no result of an earlier iteration is still referenced when "before" is taken.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (double Ms, double RetainedMB, double AllocatedMB) Once<T>(Func<T> work)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1048576.0;
        var retained = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
        GC.KeepAlive(result);
        return (watch.Elapsed.TotalMilliseconds, retained, allocated);
    }

    public static Measurement Run<T>(string name, int iterations, Func<T> work, Func<T, int> count)
    {
        var warm = work(); // JIT and caches
        var items = count(warm);
        warm = default!;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var times = new List<double>();
        double retained = 0, allocated = 0;
        for (var i = 0; i < iterations; i++)
        {
            var (ms, kept, made) = Once(work);
            times.Add(ms);
            retained = kept;
            allocated = made;
        }

        times.Sort();
        return new Measurement(name, times[times.Count / 2], times[0], retained, allocated, items);
    }
}
