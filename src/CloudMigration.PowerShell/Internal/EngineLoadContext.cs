using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace CloudMigration.PowerShell.Internal;

/// <summary>
/// The module's private AssemblyLoadContext. The engine and every third-party assembly it uses
/// (Microsoft.Data.SqlClient, Microsoft.Data.Sqlite, Azure.Core, Azure.Identity, ...) load from
/// <c>deps/</c> into this context, so other modules that load other versions of the same libraries
/// (Az, SqlServer, dbatools) keep theirs and we keep ours. Native libraries (e_sqlite3) resolve
/// from <c>deps/runtimes/&lt;rid&gt;/native</c> through the engine's deps.json.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private static readonly HashSet<string> FrameworkAssemblies = ReadFrameworkAssemblies();
    private readonly AssemblyDependencyResolver resolver;
    private readonly string depsDirectory;

    public EngineLoadContext(string depsDirectory)
        : base("CloudMigration", isCollectible: false)
    {
        this.depsDirectory = depsDirectory;
        resolver = new AssemblyDependencyResolver(Path.Combine(depsDirectory, EngineAssemblyName + ".dll"));
    }

    public const string EngineAssemblyName = "CloudMigration.Engine";

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The shared framework stays shared: its types must be the same types on both sides.
        if (assemblyName.Name is { } name && IsFramework(name))
        {
            return null;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is not null)
        {
            var candidate = Path.Combine(depsDirectory, assemblyName.Name + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        if (path is null)
        {
            foreach (var candidate in NativeCandidates(unmanagedDllName))
            {
                if (File.Exists(candidate))
                {
                    path = candidate;
                    break;
                }
            }
        }

        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private IEnumerable<string> NativeCandidates(string name)
    {
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var (os, prefix, extension) = OperatingSystem.IsWindows() ? ("win", string.Empty, ".dll")
            : OperatingSystem.IsMacOS() ? ("osx", "lib", ".dylib")
            : ("linux", "lib", ".so");
        foreach (var rid in new[] { $"{os}-{arch}", os, "unix" })
        {
            var folder = Path.Combine(depsDirectory, "runtimes", rid, "native");
            yield return Path.Combine(folder, name);
            yield return Path.Combine(folder, prefix + name + extension);
            yield return Path.Combine(folder, name + extension);
        }
    }

    private static bool IsFramework(string name) => FrameworkAssemblies.Contains(name);

    private static HashSet<string> ReadFrameworkAssemblies()
    {
        // Only the .NET shared framework, never an application's own (PowerShell's) assemblies.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        var names = Directory.Exists(frameworkDirectory)
            ? Directory.GetFiles(frameworkDirectory, "*.dll").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            : [];
        return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }
}
