using System.Collections.Concurrent;
using System.Reflection;

namespace CloudMigration.Engine.Sql;

/// <summary>The versioned .sql resources embedded in the engine, by dialect and name.</summary>
public static class SqlScripts
{
    private const string Prefix = "CloudMigration.Engine.Sql.";
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    // Resource names carry the folder separator of the machine that built them; normalize to '/'.
    private static readonly Dictionary<string, string> ResourceNames = typeof(SqlScripts).Assembly.GetManifestResourceNames()
        .Where(r => r.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(r => r.Replace('\\', '/'), r => r, StringComparer.Ordinal);

    public static string Get(string dialect, string scriptName) =>
        Cache.GetOrAdd(dialect + "/" + scriptName, key =>
        {
            var resource = Prefix + dialect + "/" + scriptName + ".sql";
            using var stream = (ResourceNames.TryGetValue(resource, out var actual) ? typeof(SqlScripts).Assembly.GetManifestResourceStream(actual) : null)
                ?? throw new InvalidOperationException($"The SQL script '{scriptName}' of dialect '{dialect}' is not embedded.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });

    /// <summary>Every embedded script of a dialect: name and text. Used by the ScriptDom parse test.</summary>
    public static IEnumerable<(string Name, string Text)> All(string dialect)
    {
        var prefix = Prefix + dialect + "/";
        foreach (var resource in ResourceNames.Keys.Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..^".sql".Length];
            yield return (name, Get(dialect, name));
        }
    }
}
