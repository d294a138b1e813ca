namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// The destination must have the Dynamics SL Migration extension (app id 237981b4-..., publisher Microsoft)
/// in a version whose staging tables this release knows (Microsoft's code 50017). An older major version
/// fails; a newer one warns (schema alignment then decides table by table).
/// </summary>
public sealed class MigrationExtensionRule : ICompatibilityRule
{
    public string Check => "MigrationExtension";

    public int? Code => 50017;

    public string Description => "The destination has the Dynamics SL Migration extension installed, in a supported version.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Destination is not { } destination)
        {
            yield break;
        }

        var app = context.Catalog.App;
        var target = context.DestinationTarget;
        var installed = destination.Extensions.FirstOrDefault(e => e.AppId == app.Id);
        if (installed is null)
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Destination,
                $"The extension '{app.Name}' ({app.Id}) is not installed in the destination (50017).",
                $"Install '{app.Name}' by {app.Publisher} in the Business Central environment (Extension Management, or the admin center), then run the test again.");
        }
        else if (!string.Equals(installed.Publisher, app.Publisher, StringComparison.OrdinalIgnoreCase))
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Destination,
                $"The app {app.Id} is installed as '{installed.Name}' by '{installed.Publisher}', not by {app.Publisher} (50017).",
                $"Uninstall it and install '{app.Name}' by {app.Publisher}.");
        }
        else if (installed.Version.Major < app.Version.Major)
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Destination,
                $"'{app.Name}' {installed.Version} is older than {app.Version.Major}.0, the version whose staging tables this release knows (50017).",
                $"Update the Business Central environment and '{app.Name}' to version {app.Version.Major} or later. Do not change versions once replication has started.");
        }
        else if (installed.Version.Major > app.Version.Major)
        {
            yield return this.Result(CompatibilityStatus.Warning, target, CompatibilityTargetType.Destination,
                $"'{app.Name}' {installed.Version} is newer than {app.Version}, the version whose staging tables this release knows; the SchemaAlignment results tell whether its tables still match.",
                "Check the SchemaAlignment results; update CloudMigration when a newer release knows this version.");
        }
        else
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Destination, $"'{app.Name}' {installed.Version} is installed.");
        }
    }
}
