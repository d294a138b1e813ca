using System.Collections;
using CloudMigration.Engine.Connections;

namespace CloudMigration.PowerShell;

/// <summary>
/// What cmdlets that judge a whole selection (count, size, plan) collect from the pipeline: the companies piped in,
/// per (source, destination) pair, so each pair is processed once in EndProcessing.
/// </summary>
internal sealed class EndpointSelections : IEnumerable<EndpointSelection>
{
    private readonly List<EndpointSelection> selections = [];

    /// <summary>Adds the companies (without repeats) to the selection of the pair, creating it on first use.</summary>
    public void Add(CmEndpoint source, CmEndpoint destination, IEnumerable<string> companies)
    {
        var selection = selections.FirstOrDefault(s => SameEndpoint(s.Source, source) && SameEndpoint(s.Destination, destination));
        if (selection is null)
        {
            selection = new EndpointSelection(source, destination);
            selections.Add(selection);
        }

        selection.Companies.AddRange(companies.Where(c => !selection.Companies.Contains(c, StringComparer.OrdinalIgnoreCase)));
    }

    public IEnumerator<EndpointSelection> GetEnumerator() => selections.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool SameEndpoint(CmEndpoint a, CmEndpoint b) =>
        ReferenceEquals(a, b) || (a.Kind == b.Kind && string.Equals(a.DisplayString, b.DisplayString, StringComparison.Ordinal) && a.UserName == b.UserName);
}

/// <summary>One source and destination, and the companies named for them (none: every active company).</summary>
internal sealed record EndpointSelection(CmEndpoint Source, CmEndpoint Destination)
{
    public List<string> Companies { get; } = [];
}
