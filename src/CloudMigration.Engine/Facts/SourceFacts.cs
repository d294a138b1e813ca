using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Facts;

/// <summary>Everything the compatibility rules need to know about a Dynamics SL source.</summary>
public sealed class SourceFacts
{
    public required CmEndpoint Endpoint { get; init; }

    public required ServerFacts Server { get; init; }

    /// <summary>The SL system database.</summary>
    public required DatabaseFacts SystemDatabase { get; init; }

    /// <summary>The application databases of the selected companies that exist, by name (case-insensitive).</summary>
    public required IReadOnlyDictionary<string, DatabaseFacts> ApplicationDatabases { get; init; }

    /// <summary>Application databases of selected companies that are missing or could not be read, with the reason.</summary>
    public IReadOnlyDictionary<string, string> ApplicationDatabaseProblems { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every company of the Company table, active or not.</summary>
    public required IReadOnlyList<SlCompanyFacts> Companies { get; init; }

    /// <summary>The Dynamics SL major version from the system database's getVersion (9 = SL 2015, 10 = SL 2018); null when unknown.</summary>
    public int? SlMajorVersion { get; init; }

    /// <summary>What getVersion returned, as text, for messages.</summary>
    public string? SlVersionText { get; init; }

    /// <summary>Sub-account segment count per application database (FlexDef 'SUBACCOUNT'), where FlexDef has the row.</summary>
    public IReadOnlyDictionary<string, int> SubaccountSegments { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    public DatabaseFacts? ApplicationDatabase(string name) => ApplicationDatabases.GetValueOrDefault(name);
}
