namespace CloudMigration.Engine.Pipelines.Validation;

/// <summary>
/// ADF's rule for activity names: 1 to 55 characters, a letter, digit or '_' first, and none of
/// . + ? / &lt; &gt; * % &amp; : \ anywhere.
/// </summary>
internal static class ActivityNames
{
    private const string Forbidden = ".+?/<>*%&:\\";

    public static bool IsValid(string? name) =>
        name is { Length: >= 1 and <= PipelineLimits.MaxActivityNameLength }
        && (char.IsAsciiLetterOrDigit(name[0]) || name[0] == '_')
        && name.IndexOfAny(Forbidden.ToCharArray()) < 0
        && !name.Any(char.IsControl);
}
