using System.Text.Json;

namespace CloudMigration.Engine.Products.DynamicsSL;

/// <summary>
/// The default catalog: the 60 SL tables of Microsoft's Dynamics SL Migration app, read once from the
/// engine's embedded resource (Resources/DynamicsSL/sl-tables.json).
/// </summary>
public sealed class SlCatalog
{
    private static readonly Lazy<SlCatalog> DefaultCatalog = new(Load);

    private SlCatalog(MigrationApp app, IReadOnlyList<SlTable> tables)
    {
        App = app;
        Tables = tables;
    }

    public static SlCatalog Default => DefaultCatalog.Value;

    /// <summary>The Business Central extension that owns the staging tables.</summary>
    public MigrationApp App { get; }

    public IReadOnlyList<SlTable> Tables { get; }

    private static SlCatalog Load()
    {
        using var stream = typeof(SlCatalog).Assembly.GetManifestResourceStream("CloudMigration.Engine.Resources.DynamicsSL/sl-tables.json")
            ?? typeof(SlCatalog).Assembly.GetManifestResourceStream("CloudMigration.Engine.Resources.DynamicsSL\\sl-tables.json")
            ?? throw new InvalidOperationException("The Dynamics SL table catalog is not embedded in the engine.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var appElement = root.GetProperty("app");
        var app = new MigrationApp(
            Guid.Parse(appElement.GetProperty("id").GetString()!),
            appElement.GetProperty("name").GetString()!,
            appElement.GetProperty("publisher").GetString()!,
            Version.Parse(appElement.GetProperty("version").GetString()!));

        var tables = new List<SlTable>();
        foreach (var t in root.GetProperty("tables").EnumerateArray())
        {
            var fields = t.GetProperty("fields").EnumerateArray().Select(f =>
            {
                var items = f.EnumerateArray().ToArray();
                return new SlField(items[0].GetString()!, Enum.Parse<AlType>(items[1].GetString()!), items.Length > 2 ? items[2].GetInt32() : null);
            }).ToArray();
            tables.Add(new SlTable(
                t.GetProperty("module").GetString()!,
                t.GetProperty("slTable").GetString()!,
                t.GetProperty("bcTable").GetString()!,
                t.GetProperty("bcTableId").GetInt32(),
                t.GetProperty("perCompany").GetBoolean(),
                t.GetProperty("primaryKey").EnumerateArray().Select(k => k.GetString()!).ToArray(),
                fields));
        }

        return new SlCatalog(app, tables);
    }
}

/// <summary>A Business Central extension by id, name, publisher and version.</summary>
public sealed record MigrationApp(Guid Id, string Name, string Publisher, Version Version);
