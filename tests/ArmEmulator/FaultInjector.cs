using System.Text.RegularExpressions;

namespace CloudMigration.ArmEmulator;

/// <summary>The fault rules in force; each request takes at most one (the oldest that matches and has uses left).</summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly List<(FaultRule Rule, Regex? Path, int[] Left)> rules = [];

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Count, 1);
        var path = rule.PathPattern is null ? null : new Regex(rule.PathPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        lock (gate)
        {
            rules.Add((rule, path, [rule.Count]));
        }
    }

    /// <summary>Uses of fault rules not taken yet.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return rules.Sum(r => r.Left[0]);
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>The rule this request takes (one use of it), or null.</summary>
    internal FaultRule? Take(string method, string path, string operation)
    {
        lock (gate)
        {
            foreach (var (rule, pattern, left) in rules)
            {
                if (left[0] > 0
                    && (rule.Method is null || string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    && (rule.Operation is null || string.Equals(rule.Operation, operation, StringComparison.OrdinalIgnoreCase))
                    && (pattern is null || pattern.IsMatch(path)))
                {
                    left[0]--;
                    return rule;
                }
            }

            rules.RemoveAll(r => r.Left[0] == 0);
            return null;
        }
    }
}
