namespace CloudMigration.Engine.Planning;

/// <summary>A list of names that reads as "A, B, C" wherever it is turned into text (tables, CSV, HTML).</summary>
public sealed class NameList(IReadOnlyList<string> names) : IReadOnlyList<string>
{
    public static readonly NameList Empty = new([]);

    public string this[int index] => names[index];

    public int Count => names.Count;

    public IEnumerator<string> GetEnumerator() => names.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", names);

    /// <summary>Reads "A, B, C" back (CSV round trip).</summary>
    public static NameList Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Empty : new NameList(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
