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
    protected DataFactoryService Factories() => new(FactoryStore.Open(ChosenStorePath()), Verbose, Notify);

    /// <summary>The service over the chosen store when its file exists; null otherwise (a -WhatIf must not create it).</summary>
    protected DataFactoryService? ExistingFactories() =>
        File.Exists(FactoryStore.ResolvePath(ChosenStorePath())) ? Factories() : null;

    // -StorePath, else $env:CM_FACTORY_STORE; a relative one is relative to the PowerShell location, like every path parameter.
    private string? ChosenStorePath()
    {
        var chosen = StorePath ?? Environment.GetEnvironmentVariable(FactoryStore.EnvironmentVariable);
        return string.IsNullOrWhiteSpace(chosen) ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(CurrentDirectory, chosen));
    }
}
