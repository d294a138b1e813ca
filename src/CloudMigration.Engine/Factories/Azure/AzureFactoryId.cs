using System.Text.RegularExpressions;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// The ARM resource id of an Azure data factory:
/// <c>/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.DataFactory/factories/{name}</c>.
/// Parsed without case (ARM ids are case-insensitive); <see cref="ToString"/> gives the canonical spelling.
/// </summary>
public sealed partial class AzureFactoryId : IEquatable<AzureFactoryId>
{
    private AzureFactoryId(string subscription, string resourceGroup, string name)
    {
        Subscription = subscription;
        ResourceGroup = resourceGroup;
        Name = name;
    }

    public string Subscription { get; }

    public string ResourceGroup { get; }

    /// <summary>The factory's name (ADF's rules: letters, digits and single hyphens, 3 to 63 characters).</summary>
    public string Name { get; }

    /// <summary>The id as a path, also the base of every request about the factory.</summary>
    public string Path => $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.DataFactory/factories/{Name}";

    public static AzureFactoryId Create(string subscription, string resourceGroup, string name) =>
        Parse($"/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.DataFactory/factories/{name}");

    /// <summary>The id, or <c>AzureFactoryIdInvalid</c> saying what is wrong with the text.</summary>
    public static AzureFactoryId Parse(string? text)
    {
        if (TryParse(text, out var id, out var problem))
        {
            return id;
        }

        throw new CmException(ErrorIds.AzureFactoryIdInvalid, CmErrorCategory.InvalidArgument,
            $"'{text}' is not the resource id of an Azure data factory: {problem}",
            "Give the id as /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.DataFactory/factories/<factory name> (the factory's Properties page in the Azure portal shows it).",
            text);
    }

    public static bool TryParse(string? text, out AzureFactoryId id) => TryParse(text, out id, out _);

    public override string ToString() => Path;

    public bool Equals(AzureFactoryId? other) =>
        other is not null
        && string.Equals(Subscription, other.Subscription, StringComparison.OrdinalIgnoreCase)
        && string.Equals(ResourceGroup, other.ResourceGroup, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as AzureFactoryId);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Path);

    private static bool TryParse(string? text, out AzureFactoryId id, out string problem)
    {
        id = null!;
        var trimmed = text?.Trim().TrimEnd('/') ?? string.Empty;
        var match = IdPattern().Match(trimmed);
        if (!match.Success)
        {
            problem = string.IsNullOrEmpty(trimmed)
                ? "it is empty."
                : "it does not have the shape /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.DataFactory/factories/{name}.";
            return false;
        }

        var subscription = match.Groups["sub"].Value;
        var group = match.Groups["rg"].Value;
        var name = match.Groups["name"].Value;
        if (!Guid.TryParse(subscription, out _))
        {
            problem = $"the subscription '{subscription}' is not a subscription id (a GUID).";
            return false;
        }

        if (!ResourceGroupPattern().IsMatch(group) || group.EndsWith('.'))
        {
            problem = $"'{group}' is not a resource group name (1 to 90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.').";
            return false;
        }

        if (!AdfNames.IsValidFactoryOrRuntimeName(name))
        {
            problem = $"'{name}' is not a data factory name (letters, digits and single hyphens between them, 3 to 63 characters).";
            return false;
        }

        id = new AzureFactoryId(Guid.Parse(subscription).ToString("D"), group, name);
        problem = string.Empty;
        return true;
    }

    [GeneratedRegex("^/?subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.DataFactory/factories/(?<name>[^/]+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[-\\w._()]{1,90}$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceGroupPattern();
}
