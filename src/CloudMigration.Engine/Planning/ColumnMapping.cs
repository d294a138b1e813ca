namespace CloudMigration.Engine.Planning;

/// <summary>One copied column: source and destination names and types; Conversion says what changes on the way.</summary>
public sealed record ColumnMapping(string Source, string Destination, string SourceType, string DestinationType)
{
    /// <summary>Whether the value changes type on the way (char(10) to nvarchar(10), float to decimal(38,20), ...).</summary>
    public bool IsConversion => !string.Equals(SourceType, DestinationType, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => IsConversion ? $"{Source} {SourceType}->{DestinationType}" : Source;
}

/// <summary>The columns of a plan entry; as text, "Acct, Descr, ...".</summary>
public sealed class ColumnMappingList(IReadOnlyList<ColumnMapping> columns) : IReadOnlyList<ColumnMapping>
{
    public static readonly ColumnMappingList Empty = new([]);

    public ColumnMapping this[int index] => columns[index];

    public int Count => columns.Count;

    public IEnumerator<ColumnMapping> GetEnumerator() => columns.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", columns.Select(c =>
        string.Equals(c.Source, c.Destination, StringComparison.Ordinal) ? c.Source : c.Source + "->" + c.Destination));
}
