namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// The company id becomes the Business Central company name and part of SQL object names; '.', '[', ']',
/// '/', '\', '"', leading or trailing spaces and control characters break them (Microsoft's code 50021).
/// SL pads char(10) ids with spaces; that padding is not a trailing space, other trailing white space is.
/// </summary>
public sealed class CompanyNameRule : ICompatibilityRule
{
    private static readonly char[] Forbidden = ['.', '[', ']', '/', '\\', '"'];

    public string Check => "CompanyName";

    public int? Code => 50021;

    public string Description => "Company ids hold none of . [ ] / \\ \" , no leading or trailing spaces and no control characters.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        foreach (var company in context.SelectedCompanies)
        {
            var problems = Problems(company.RawId).ToArray();
            yield return problems.Length == 0
                ? this.Result(CompatibilityStatus.Passed, company.Id, CompatibilityTargetType.Company, $"'{company.Id}' is a valid company name.", company: company.Id)
                : this.Result(CompatibilityStatus.Failed, company.Id, CompatibilityTargetType.Company,
                    $"The company id '{Printable(company.RawId.TrimEnd(' '))}' has {string.Join(", ", problems)}; it would break SQL object names (50021).",
                    "Rename the company in Dynamics SL with a company id of letters, digits, '-' and '_' only, or leave it out with -Company.", company.Id);
        }
    }

    /// <summary>What is wrong with a raw (padded) company id.</summary>
    public static IEnumerable<string> Problems(string rawId)
    {
        ArgumentNullException.ThrowIfNull(rawId);
        var id = rawId.TrimEnd(' '); // char(10) padding
        var bad = id.Where(c => Array.IndexOf(Forbidden, c) >= 0).Distinct().ToArray();
        if (bad.Length > 0)
        {
            yield return "the character(s) " + string.Join(" ", bad.Select(c => "'" + c + "'"));
        }

        if (id.Any(char.IsControl))
        {
            yield return "control characters";
        }

        if (id.Length > 0 && char.IsWhiteSpace(id[0]))
        {
            yield return "leading spaces";
        }

        if (id.Length > 0 && char.IsWhiteSpace(id[^1]) && !char.IsControl(id[^1]))
        {
            yield return "trailing white space";
        }

        if (id.Trim().Length == 0)
        {
            yield return "no characters";
        }
    }

    /// <summary>Control characters shown as \uXXXX so messages and reports stay one readable line.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
}
