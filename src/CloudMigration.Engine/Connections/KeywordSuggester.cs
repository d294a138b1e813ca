namespace CloudMigration.Engine.Connections;

/// <summary>Finds the keyword a user most likely meant (<c>UserID</c> -> <c>User ID</c>).</summary>
internal static class KeywordSuggester
{
    public static string? Suggest(string typed, IEnumerable<string> known)
    {
        var normalizedTyped = Normalize(typed);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(normalizedTyped, Normalize(candidate));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        // Allow roughly one edit per four characters: close enough to be a typo, not a different word.
        var allowed = Math.Max(1, normalizedTyped.Length / 4);
        return bestDistance <= allowed ? best : null;
    }

    private static string Normalize(string s) =>
        new(s.Where(c => !char.IsWhiteSpace(c) && c != '_' && c != '-').Select(char.ToLowerInvariant).ToArray());

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
