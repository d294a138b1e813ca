using System.Runtime.CompilerServices;

namespace CloudMigration.PowerShell.Tests;

/// <summary>
/// Keeps the test process from writing telemetry into the user's profile: unless the runner already chose a file
/// (build.ps1 -Task Test sets CM_TELEMETRY_PATH under out/test-results), events go to a file in the temp folder.
/// </summary>
internal static class TestTelemetryIsolation
{
#pragma warning disable CA2255 // a module initializer is the one hook that runs before any test, in every runner
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CM_TELEMETRY_PATH")))
        {
            Environment.SetEnvironmentVariable("CM_TELEMETRY_PATH",
                Path.Combine(Path.GetTempPath(), "cm-telemetry-tests", $"telemetry-{Environment.ProcessId}.jsonl"));
        }
    }
}
