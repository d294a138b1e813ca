using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace CloudMigration.PowerShell.Internal;

/// <summary>
/// Sends the first request for CloudMigration.Engine to the private load context. It is hooked up
/// when the cmdlet assembly loads (a module initializer) and again on Import-Module, before any
/// cmdlet touches an engine type.
/// </summary>
public sealed class EngineResolver : IModuleAssemblyInitializer
{
    private static readonly object Gate = new();
    private static EngineLoadContext? context;
    private static bool hooked;

    /// <summary>The private context, once the engine was loaded from deps/ (null in test hosts that load it directly).</summary>
    internal static AssemblyLoadContext? Context => context;

    public void OnImport() => Hook();

#pragma warning disable CA2255 // a module initializer is exactly right here: it must run before any engine type is touched
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Hook()
    {
        lock (Gate)
        {
            if (hooked)
            {
                return;
            }

            AssemblyLoadContext.Default.Resolving += Resolve;
            hooked = true;
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext requesting, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineLoadContext.EngineAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        var moduleDirectory = Path.GetDirectoryName(typeof(EngineResolver).Assembly.Location);
        if (moduleDirectory is null)
        {
            return null;
        }

        var deps = Path.Combine(moduleDirectory, "deps");
        if (!File.Exists(Path.Combine(deps, EngineLoadContext.EngineAssemblyName + ".dll")))
        {
            return null;
        }

        lock (Gate)
        {
            context ??= new EngineLoadContext(deps);
        }

        return context.LoadFromAssemblyName(name);
    }
}
