namespace CloudMigration.Engine.Sample;

/// <summary>One company of the sample and where its data lives.</summary>
internal sealed record SampleCompany(string CpnyID, string Name, string ApplicationDatabase, bool Active)
{
    private static readonly string[] Names =
    [
        "Contoso Manufacturing", "Fabrikam Services", "Northwind Traders", "Adventure Works", "Tailspin Toys",
        "Wide World Importers", "Litware Inc", "Proseware Inc", "Woodgrove Bank", "Alpine Ski House",
    ];

    public const string MainApplicationDatabase = "SLApp";
    public const string SecondApplicationDatabase = "SLApp2";

    /// <summary>
    /// The sample's companies: <paramref name="activeCount"/> active ones (the last of them, when there
    /// are two or more, in a second application database) and one inactive company.
    /// </summary>
    public static IReadOnlyList<SampleCompany> Create(int activeCount)
    {
        var companies = new List<SampleCompany>();
        for (var i = 0; i < activeCount; i++)
        {
            var id = ((i + 1) * 10).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var name = Names[i % Names.Length] + (i >= Names.Length ? " " + (i / Names.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            var database = activeCount >= 2 && i == activeCount - 1 ? SecondApplicationDatabase : MainApplicationDatabase;
            companies.Add(new SampleCompany(id, name, database, Active: true));
        }

        companies.Add(new SampleCompany("9990", "Closed Holdings (inactive)", MainApplicationDatabase, Active: false));
        return companies;
    }
}
