using System.Text.RegularExpressions;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Factories;

/// <summary>The names Azure Data Factory accepts; the local factory refuses what ADF would refuse.</summary>
public static partial class AdfNames
{
    /// <summary>Factories and integration runtimes: letters, digits and single hyphens inside, 3 to 63 characters.</summary>
    public static bool IsValidFactoryOrRuntimeName(string? name) => name is { Length: >= 3 and <= 63 } && FactoryName().IsMatch(name);

    /// <summary>Linked services, datasets and pipelines: a letter first, then letters, digits and '_', at most 260 characters.</summary>
    public static bool IsValidResourceName(string? name) => name is { Length: >= 1 and <= 260 } && ResourceName().IsMatch(name);

    public static void RequireFactoryName(string? name) => Require(IsValidFactoryOrRuntimeName(name), ErrorIds.FactoryNameInvalid, "data factory", name,
        "letters, digits and single hyphens between them, 3 to 63 characters (for example cm-local-01)");

    public static void RequireRuntimeName(string? name) => Require(IsValidFactoryOrRuntimeName(name), ErrorIds.IntegrationRuntimeNameInvalid, "integration runtime", name,
        "letters, digits and single hyphens between them, 3 to 63 characters (for example cm-ir-01)");

    public static void RequireResourceName(string? name, FactoryResourceKind kind) => Require(IsValidResourceName(name), ErrorIds.ResourceNameInvalid, kind.ToString(), name,
        "a letter first, then letters, digits and '_', at most 260 characters");

    private static void Require(bool valid, string errorId, string what, string? name, string rule)
    {
        if (!valid)
        {
            throw new CmException(errorId, CmErrorCategory.InvalidArgument,
                $"'{name}' is not a valid {what} name: Azure Data Factory takes {rule}.",
                $"Give the {what} a name of {rule}.", name);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex FactoryName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();
}
