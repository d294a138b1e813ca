using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Discovery;

/// <summary>
/// Picks SL companies by id or name the way Get-CmCompany does: no names means every active company;
/// wildcards match active companies (or all, with IncludeInactive); an exact name also picks an inactive one.
/// </summary>
internal static class CompanySelection
{
    public static (List<SlCompanyFacts> Selected, List<string> Unmatched) Select(IEnumerable<SlCompanyFacts> rows, CompanyQuery query)
    {
        var patterns = query.Names.Select(n => new NamePattern(n)).ToArray();
        var matched = new bool[patterns.Length];
        var selected = new List<SlCompanyFacts>();
        foreach (var row in rows)
        {
            var hit = patterns.Length == 0;
            var exact = false;
            for (var i = 0; i < patterns.Length; i++)
            {
                if (patterns[i].IsMatch(row.Id) || patterns[i].IsMatch(row.Name))
                {
                    hit = true;
                    matched[i] = true;
                    exact |= !patterns[i].HasWildcards;
                }
            }

            if (hit && (row.Active || query.IncludeInactive || exact))
            {
                selected.Add(row);
            }
        }

        var unmatched = patterns.Where((p, i) => !matched[i] && !p.HasWildcards).Select(p => p.Pattern).ToList();
        return (selected, unmatched);
    }
}
