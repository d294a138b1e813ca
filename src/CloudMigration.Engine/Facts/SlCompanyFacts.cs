namespace CloudMigration.Engine.Facts;

/// <summary>A row of the SL Company table as stored (ids and names not trimmed), plus what was found about it.</summary>
public sealed class SlCompanyFacts
{
    /// <summary>CpnyID exactly as read; SL pads char(10) with spaces.</summary>
    public required string RawId { get; init; }

    public required string RawName { get; init; }

    public required string ApplicationDatabase { get; init; }

    public required bool Active { get; init; }

    /// <summary>The company id without the char padding (and any other outer spaces): the Business Central company name.</summary>
    public string Id => RawId.Trim();

    public string Name => RawName.TrimEnd(' ');

    public override string ToString() => Id;
}
