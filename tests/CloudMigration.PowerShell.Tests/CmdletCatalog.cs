using System.Management.Automation;
using System.Reflection;
using CloudMigration.PowerShell;

namespace CloudMigration.PowerShell.Tests;

/// <summary>The cmdlets of the module, found by reflection over the cmdlet assembly.</summary>
internal static class CmdletCatalog
{
    public static Assembly Assembly => typeof(CmCmdlet).Assembly;

    public static IReadOnlyList<Type> CmdletTypes { get; } = Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsPublic: true } && t.GetCustomAttribute<CmdletAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static IEnumerable<object[]> All => CmdletTypes.Select(t => new object[] { t.Name });

    public static Type ByName(string typeName) => CmdletTypes.Single(t => t.Name == typeName);

    public static string CommandName(Type type)
    {
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        return attribute.VerbName + "-" + attribute.NounName;
    }

    /// <summary>The repository root, found from the test assembly's folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CloudMigration.psd1")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root (CloudMigration.psd1) was not found above " + AppContext.BaseDirectory);
        }
    }
}
