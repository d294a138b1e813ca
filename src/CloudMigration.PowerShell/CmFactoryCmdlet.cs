using System.Management.Automation;
using CloudMigration.Engine.Factories;

namespace CloudMigration.PowerShell;

/// <summary>
/// The base of the data factory cmdlets: -StorePath says which local factory store to use (default: the
/// CM_FACTORY_STORE environment variable, else the user's profile).
/// </summary>
public abstract class CmFactoryCmdlet : CmCmdlet
{
    /// <summary>The local factory store (a SQLite file). Default: $env:CM_FACTORY_STORE, else the user's profile.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StorePath { get; set; }

    /// <summary>The data factory service over the chosen store (relative paths against the current location).</summary>
    protected DataFactoryService Factories()
    {
        // -StorePath, else $env:CM_FACTORY_STORE; a relative one is relative to the PowerShell location, like every path parameter.
        var chosen = StorePath ?? Environment.GetEnvironmentVariable(FactoryStore.EnvironmentVariable);
        var path = string.IsNullOrWhiteSpace(chosen) ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(CurrentDirectory, chosen));
        return new DataFactoryService(FactoryStore.Open(path));
    }
}
