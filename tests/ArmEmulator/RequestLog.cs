using System.Collections.Concurrent;

namespace CloudMigration.ArmEmulator;

/// <summary>One ARM request as the emulator saw it, and the status it answered (0: none, an injected hang).</summary>
public sealed record ArmRequestRecord(string Method, string Path, string Operation, int Status);

/// <summary>Every ARM request the emulator received (test hooks excluded), counted by operationId.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<ArmRequestRecord> records = new();

    public IReadOnlyList<ArmRequestRecord> Records => [.. records];

    /// <summary>How many requests of an operation (for example "Pipelines_CreateRun") arrived.</summary>
    public int Count(string operation) => records.Count(r => string.Equals(r.Operation, operation, StringComparison.OrdinalIgnoreCase));

    /// <summary>Request counts by operation.</summary>
    public IReadOnlyDictionary<string, int> Counts() =>
        records.GroupBy(r => r.Operation, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

    public void Clear() => records.Clear();

    internal void Add(ArmRequestRecord record) => records.Enqueue(record);
}
