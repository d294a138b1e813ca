namespace CloudMigration.ArmEmulator;

/// <summary>
/// One operation of the API: its method, the path below the factory (literals matched without case, "{}" for a
/// name), its operationId in the ADF REST spec (how the request log counts it), and its handler.
/// </summary>
internal sealed record ArmOperation(string Method, string Pattern, string Name, Func<ArmRequest, Task<ArmResult>> Handler)
{
    private readonly string[] parts = Pattern.Length == 0 ? [] : Pattern.Split('/');

    /// <summary>The names captured by "{}", or null when the path does not match.</summary>
    public string[]? Match(IReadOnlyList<string> rest)
    {
        if (rest.Count != parts.Length)
        {
            return null;
        }

        var captured = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "{}")
            {
                captured.Add(rest[i]);
            }
            else if (!ArmRoute.Is(rest[i], parts[i]))
            {
                return null;
            }
        }

        return [.. captured];
    }
}
